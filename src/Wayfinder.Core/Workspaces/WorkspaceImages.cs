namespace Wayfinder.Core.Workspaces;

using System.Globalization;

/// <summary>
/// Images that documents point at (a persona's photo): a <c>data:</c> URI as written, or a PNG, JPEG, GIF or WebP file
/// under the workspace folder, read into a data URI so every rendering (SVG, PNG, PDF, HTML) carries the picture itself.
/// </summary>
public static class WorkspaceImages
{
    /// <summary>The largest image file embedded: a photo on a card needs no more.</summary>
    public const int MaxBytes = 1_000_000;

    /// <summary>The image as a data URI (null when there is none), or what is wrong with the reference.</summary>
    public static (string? DataUri, string? Problem) Load(Workspace workspace, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return (null, null);
        }

        reference = reference.Trim();
        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return (reference, null);
        }

        if (reference.Contains("://", StringComparison.Ordinal))
        {
            return (null, $"\"{reference}\" is a web address, which is never fetched; save the image in the workspace folder and give its path (e.g. personas/photos/maya.jpg)");
        }

        // Only a workspace on disk has files beside its documents; one held in a database has only its documents.
        if (!Path.IsPathFullyQualified(workspace.Root) || !Directory.Exists(workspace.Root))
        {
            return (null, $"\"{reference}\" is a file path, but this workspace is not a folder on disk; use a data: URI (data:image/jpeg;base64,…)");
        }

        var root = Path.GetFullPath(workspace.Root);
        var full = Path.GetFullPath(Path.Combine(root, reference));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, $"\"{reference}\" is outside the workspace folder; keep images inside it and give the path relative to its root");
        }

        if (!File.Exists(full))
        {
            return (null, $"no file \"{reference}\" in the workspace folder; give a path relative to the workspace root (where wayfinder.yaml is)");
        }

        var length = new FileInfo(full).Length;
        if (length > MaxBytes)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"\"{reference}\" is {length / 1000:N0} KB; images up to {MaxBytes / 1000:N0} KB are embedded, so save a smaller one"));
        }

        var bytes = File.ReadAllBytes(full);
        return MediaType(bytes) is { } type
            ? ($"data:{type};base64,{Convert.ToBase64String(bytes)}", null)
            : (null, $"\"{reference}\" is not a PNG, JPEG, GIF or WebP image");
    }

    /// <summary>The image type from the file's first bytes (its signature), never from its name.</summary>
    public static string? MediaType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x47, 0x49, 0x46, 0x38, 0x37 or 0x39, 0x61, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}

namespace Wayfinder.Core.Validation;

using System.Globalization;
using Wayfinder.Core.Workspaces;

/// <summary>A problem with the <c>brand:</c> section of <c>wayfinder.yaml</c>: where (<c>brand.logo</c>), a code, and what to do.</summary>
public sealed record BrandProblem(string Path, string Code, string Message, Severity Severity = Severity.Error);

/// <summary>
/// The rules a brand must meet for renderings to use it: files that exist and are what they say, colours renderings can
/// draw, and white text that stays readable on the primary colour. Renderings skip what these rules reject.
/// </summary>
public static class BrandCheck
{
    /// <summary>The largest logo file embedded in renderings (it is copied into every SVG, page and slide).</summary>
    public const int MaxLogoBytes = 1024 * 1024;

    /// <summary>The largest font file read.</summary>
    public const int MaxFontBytes = 20 * 1024 * 1024;

    /// <summary>WCAG AA for body text.</summary>
    public const double MinContrast = 4.5;

    /// <summary>Every problem with <paramref name="brand"/>, its paths relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<BrandProblem> Problems(Brand? brand, string root)
    {
        var problems = new List<BrandProblem>();
        if (brand is null)
        {
            return problems;
        }

        if (brand.Logo is { } logo && LogoProblem(logo, root) is { } logoProblem)
        {
            problems.Add(new BrandProblem("brand.logo", "brand-logo", logoProblem));
        }

        foreach (var (path, color) in new[] { ("brand.primary", brand.Primary), ("brand.accent", brand.Accent) })
        {
            if (color is null)
            {
                continue;
            }

            if (!HexColor.IsValid(color))
            {
                problems.Add(new BrandProblem(path, "invalid-color", $"\"{color}\" is not a colour renderings can draw; write {HexColor.Form}"));
            }
            else if (!WhiteReadsOn(color))
            {
                problems.Add(new BrandProblem(path, "brand-contrast",
                    $"white text on {color} has a contrast of {Contrast("#FFFFFF", color).ToString("0.0", CultureInfo.InvariantCulture)}:1, under {MinContrast.ToString(CultureInfo.InvariantCulture)}:1; "
                        + "renderings write dark text on it instead (choose a darker colour to keep white text)", Severity.Warning));
            }
        }

        if (brand.Font is { } font && FontProblem(font, root) is { } fontProblem)
        {
            problems.Add(new BrandProblem("brand.font", "brand-font", fontProblem));
        }

        return problems;
    }

    /// <summary>True when white text on <paramref name="color"/> (a valid hex colour) reaches <see cref="MinContrast"/>.</summary>
    public static bool WhiteReadsOn(string color) => Contrast("#FFFFFF", color) >= MinContrast;

    /// <summary>The WCAG contrast ratio of two hex colours (1 to 21).</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>The logo as a file kind (png, jpeg, svg) from its first bytes, or null when it is none of them.</summary>
    public static string? ImageKind(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "jpeg";
        }

        var text = System.Text.Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith("<svg", StringComparison.Ordinal) || (text.StartsWith("<?xml", StringComparison.Ordinal) && text.Contains("<svg", StringComparison.Ordinal))
            ? "svg"
            : null;
    }

    /// <summary>A TrueType, OpenType or collection font file, from its first four bytes.</summary>
    public static bool IsFont(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && (head[..4].SequenceEqual((ReadOnlySpan<byte>)[0, 1, 0, 0]) || head[..4].SequenceEqual("OTTO"u8)
            || head[..4].SequenceEqual("true"u8) || head[..4].SequenceEqual("ttcf"u8));

    private static string? LogoProblem(string logo, string root)
    {
        var full = Path.GetFullPath(Path.Combine(root, logo));
        if (!File.Exists(full))
        {
            return $"no file \"{logo}\" (paths are relative to the folder of wayfinder.yaml); put the logo there or correct the path";
        }

        var length = new FileInfo(full).Length;
        if (length > MaxLogoBytes)
        {
            return $"\"{logo}\" is {length / 1024} KB, over the {MaxLogoBytes / 1024} KB a logo may weigh (it is embedded in every rendering); save a smaller PNG, JPEG or SVG";
        }

        return ImageKind(Head(full, 512)) is null ? $"\"{logo}\" is not a PNG, JPEG or SVG image; convert it to one of them" : null;
    }

    private static string? FontProblem(string font, string root)
    {
        var full = Path.GetFullPath(Path.Combine(root, font));
        if (!File.Exists(full))
        {
            return $"no file \"{font}\" (paths are relative to the folder of wayfinder.yaml); put the font there or correct the path";
        }

        return new FileInfo(full).Length > MaxFontBytes || !IsFont(Head(full, 4))
            ? $"\"{font}\" is not a TrueType or OpenType font file (.ttf, .otf) renderings can read; give one"
            : null;
    }

    private static byte[] Head(string path, int count)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static double Luminance(string hex)
    {
        var digits = hex.Length == 4 ? string.Concat(hex[1..].Select(c => $"{c}{c}")) : hex[1..];
        double Channel(int i)
        {
            var c = int.Parse(digits.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
    }
}

namespace Wayfinder.Web.Workspaces;

using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Comments;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

/// <summary>Why an import was refused: a sentence saying what and where, and the HTTP status it answers with.</summary>
public sealed record ZipProblem(int Status, string Title, string Detail);

/// <summary>
/// A workspace as a zip in the CLI's folder layout: <c>wayfinder.yaml</c>, <c>personas/…</c>, <c>journeys/…</c>,
/// <c>value-gaps/…</c> (the bytes the files hold), and each document's comment threads in
/// <c>comments/&lt;folder&gt;/&lt;id&gt;.yaml</c>. An import checks the whole zip first and then writes it in one transaction,
/// so a refused zip changes nothing.
/// </summary>
public sealed class WorkspaceZip(WayfinderDbContext db, TimeProvider clock)
{
    /// <summary>The most a zip may hold once uncompressed, in bytes (a zip bomb is refused before it is unpacked).</summary>
    public const long MaxUncompressedBytes = 64L * 1024 * 1024;

    /// <summary>The most entries a zip may hold.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The folder the comment files live under.</summary>
    public const string CommentsFolder = "comments";

    private static readonly DateTimeOffset s_entryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections | DefaultValuesHandling.OmitDefaults)
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>The workspace's files as a zip, in path order; null when there is no such workspace.</summary>
    public async Task<byte[]?> ExportAsync(string workspace, CancellationToken cancellationToken)
    {
        var row = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspace, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (row.ConfigText is { } config)
        {
            files[WorkspaceLoader.ConfigFileName] = config;
        }

        foreach (var document in await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspace && d.Text != "").Select(d => new { d.File, d.Text }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            files[document.File] = document.Text;
        }

        var threads = await db.Set<CommentThreadRow>().AsNoTracking().Include(t => t.Comments).Where(t => t.WorkspaceId == workspace).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var document in threads.GroupBy(t => CommentsPath(t.DocumentKind, t.DocumentId)))
        {
            files[document.Key] = s_serializer.Serialize(new CommentsFile { Threads = [.. document.OrderBy(t => t.Key).Select(ThreadShape.Of)] });
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = s_entryTime;
                await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(s_strictUtf8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Imports <paramref name="zip"/> into <paramref name="workspace"/>, which must be new or empty: every entry checked
    /// first (paths in the layout, no symlinks, the size capped, every YAML readable), then all of it written in one
    /// transaction. Returns the problem when refused (and nothing changed), else null.
    /// </summary>
    public async Task<(ZipProblem? Problem, int Documents, int Threads)> ImportAsync(string workspace, Stream zip, CancellationToken cancellationToken)
    {
        var existing = await db.Workspaces.AsNoTracking().AnyAsync(w => w.Id == workspace, cancellationToken).ConfigureAwait(false);
        if (existing && (await db.Documents.AnyAsync(d => d.WorkspaceId == workspace, cancellationToken).ConfigureAwait(false)
            || await db.Set<CommentThreadRow>().AnyAsync(t => t.WorkspaceId == workspace, cancellationToken).ConfigureAwait(false)))
        {
            return (new ZipProblem(StatusCodes.Status409Conflict, "The workspace is not empty",
                $"workspace \"{workspace}\" already has documents or comments; import into a new or empty workspace"), 0, 0);
        }

        var (files, problem) = await ReadAsync(zip, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (problem, 0, 0);
        }

        var comments = new List<(DocumentKind Kind, string Id, CommentsFile File)>();
        foreach (var (path, text) in files)
        {
            if (Check(path, text, out var parsed) is { } broken)
            {
                return (broken, 0, 0);
            }

            if (parsed is not null)
            {
                var (kind, id) = CommentsTarget(path)!.Value;
                comments.Add((kind, id, parsed));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var config = files.GetValueOrDefault(WorkspaceLoader.ConfigFileName);
        if (!existing)
        {
            var name = WorkspaceLoader.Read(workspace, workspace, config, []).Workspace.Config.Name ?? workspace;
            db.Workspaces.Add(new WorkspaceRow { Id = workspace, Name = name, ConfigText = config });
        }
        else
        {
            var row = await db.Workspaces.FirstAsync(w => w.Id == workspace, cancellationToken).ConfigureAwait(false);
            row.ConfigText = config;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var repository = new EfDocumentRepository(db, workspace, clock);
        var documents = files.Keys.Where(p => WorkspaceLoader.KindOfPath(p) is not null).ToList();
        foreach (var path in documents)
        {
            await repository.PutFileAsync(path, files[path], cancellationToken).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
        var threads = comments.SelectMany(c => c.File.Threads.Select(t => t.ToRow(workspace, c.Kind, c.Id))).ToList();
        db.Set<CommentThreadRow>().AddRange(threads);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (null, documents.Count, threads.Count);
    }

    /// <summary>Every file of the zip by path, or the first reason to refuse it.</summary>
    private static async Task<(SortedDictionary<string, string> Files, ZipProblem? Problem)> ReadAsync(Stream zip, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
            if (archive.Entries.Count > MaxEntries)
            {
                return (files, Refuse($"the zip holds {archive.Entries.Count} entries; at most {MaxEntries} are taken"));
            }

            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var path = entry.FullName;
                if (PathProblem(entry) is { } bad)
                {
                    return (files, bad);
                }

                if (path.EndsWith('/'))
                {
                    continue;
                }

                if (files.ContainsKey(path))
                {
                    return (files, Refuse($"the entry \"{path}\" is in the zip twice; which one is meant cannot be told"));
                }

                // The sizes an entry declares may lie: the bytes are counted as they are unpacked, and never past the cap.
                var bytes = new MemoryStream();
                await using (var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false))
                {
                    var chunk = new byte[81920];
                    int read;
                    while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > MaxUncompressedBytes)
                        {
                            return (files, new ZipProblem(StatusCodes.Status413PayloadTooLarge, "The zip is too large once unpacked",
                                $"its files hold more than {MaxUncompressedBytes / (1024 * 1024)} MiB once unpacked (at {path}); a workspace is far smaller, so this zip is refused"));
                        }

                        bytes.Write(chunk, 0, read);
                    }
                }

                try
                {
                    files[path] = s_strictUtf8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
                }
                catch (DecoderFallbackException)
                {
                    return (files, Refuse($"{path} is not UTF-8 text"));
                }
            }
        }
        catch (InvalidDataException e)
        {
            return (files, new ZipProblem(StatusCodes.Status400BadRequest, "The body is not a readable zip",
                $"the zip is truncated or damaged ({e.Message}); send the whole file as exported"));
        }

        return (files, null);
    }

    /// <summary>Why an entry's path is refused: it climbs out, is absolute, is a link, or lies outside the layout.</summary>
    private static ZipProblem? PathProblem(ZipArchiveEntry entry)
    {
        var path = entry.FullName;
        var segments = path.Split('/');
        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':')
            || segments.Any(s => s is ".." or "."))
        {
            return Refuse($"the entry \"{path}\" is an absolute path or climbs out of the workspace (\"..\"); entries are relative paths such as journeys/onboarding.yaml");
        }

        // Unix mode in the high half of the external attributes: S_IFLNK is a symbolic link.
        if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
        {
            return Refuse($"the entry \"{path}\" is a symbolic link; a workspace zip holds only files");
        }

        var inLayout = path.EndsWith('/')
            ? segments.Length == 2 && (IsKindFolder(segments[0]) || segments[0] == CommentsFolder)
                || segments.Length == 3 && segments[0] == CommentsFolder && IsKindFolder(segments[1])
            : path == WorkspaceLoader.ConfigFileName
                || segments.Length == 2 && WorkspaceLoader.KindOfPath(path) is not null
                || CommentsTarget(path) is not null;
        return inLayout ? null : Refuse(
            $"the entry \"{path}\" is outside a workspace's layout: wayfinder.yaml, personas/, journeys/ and value-gaps/ YAML files, and comments/<folder>/<id>.yaml");
    }

    /// <summary>Why a file's YAML is refused (with its line and column); the comment threads it holds when it is a comments file.</summary>
    private static ZipProblem? Check(string path, string text, out CommentsFile? comments)
    {
        comments = null;
        try
        {
            if (CommentsTarget(path) is not null)
            {
                comments = s_deserializer.Deserialize<CommentsFile?>(text) ?? new CommentsFile();
                _ = comments.Threads.Select(t => t.ToRow("", DocumentKind.Journey, "")).ToList(); // every time readable
                return comments.Threads.SelectMany(t => t.Comments).FirstOrDefault(c => c.Text.Length > CommentRow.MaxTextLength) is { } tooLong
                    ? Refuse($"{path}: a comment by {tooLong.Author} has {tooLong.Text.Length} characters; at most {CommentRow.MaxTextLength} are taken")
                    : null;
            }

            if (WorkspaceLoader.KindOfPath(path) is { } kind)
            {
                _ = DocumentYaml.Read(text, DocumentYaml.TypeOf(kind));
            }
            else
            {
                new YamlStream().Load(new StringReader(text));
            }

            return null;
        }
        catch (YamlException e)
        {
            var message = (e.InnerException ?? e).Message;
            return Refuse($"{path}:{e.Start.Line}:{e.Start.Column}: {message}", "A file of the zip is not valid YAML");
        }
        catch (FormatException e)
        {
            return Refuse($"{path}: {e.Message}", "A file of the zip is not valid YAML");
        }
    }

    private static bool IsKindFolder(string folder) => Enum.GetValues<DocumentKind>().Any(k => WorkspaceLoader.FolderOf(k) == folder);

    private static string CommentsPath(DocumentKind kind, string id) => $"{CommentsFolder}/{WorkspaceLoader.FolderOf(kind)}/{id}.yaml";

    /// <summary>The document a comments file belongs to (<c>comments/journeys/trip.yaml</c> → journey trip), or null.</summary>
    private static (DocumentKind Kind, string Id)? CommentsTarget(string path)
    {
        var segments = path.Split('/');
        if (segments.Length != 3 || segments[0] != CommentsFolder || !segments[2].EndsWith(".yaml", StringComparison.Ordinal) || segments[2].Length == ".yaml".Length)
        {
            return null;
        }

        var kind = Enum.GetValues<DocumentKind>().Where(k => WorkspaceLoader.FolderOf(k) == segments[1]).Select(k => (DocumentKind?)k).FirstOrDefault();
        return kind is { } k2 ? (k2, segments[2][..^".yaml".Length]) : null;
    }

    private static ZipProblem Refuse(string detail, string title = "The zip cannot be imported") =>
        new(StatusCodes.Status422UnprocessableEntity, title, detail);

    /// <summary>A comments file: one document's threads.</summary>
    private sealed class CommentsFile
    {
        public List<ThreadShape> Threads { get; set; } = [];
    }

    /// <summary>A thread as its file holds it (no database keys, so an export of an import is the same text).</summary>
    private sealed class ThreadShape
    {
        public string? ElementId { get; set; }
        public bool Resolved { get; set; }
        public string? ResolvedBy { get; set; }
        public string? ResolvedAt { get; set; }
        public string CreatedAt { get; set; } = "";
        public List<CommentShape> Comments { get; set; } = [];

        public static ThreadShape Of(CommentThreadRow row) => new()
        {
            ElementId = row.ElementId,
            Resolved = row.Resolved,
            ResolvedBy = row.ResolvedBy,
            ResolvedAt = Time(row.ResolvedAt),
            CreatedAt = Time(row.CreatedAt)!,
            Comments = [.. row.Comments.OrderBy(c => c.Key).Select(c => new CommentShape
            {
                Author = c.Author,
                Text = c.Text,
                Mentions = [.. c.Mentions.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                CreatedAt = Time(c.CreatedAt)!,
                EditedAt = Time(c.EditedAt),
            })],
        };

        public CommentThreadRow ToRow(string workspace, DocumentKind kind, string id) => new()
        {
            WorkspaceId = workspace,
            DocumentKind = kind,
            DocumentId = id,
            ElementId = ElementId,
            Resolved = Resolved,
            ResolvedBy = ResolvedBy,
            ResolvedAt = Parse(ResolvedAt),
            CreatedAt = Parse(CreatedAt) ?? DateTimeOffset.UnixEpoch,
            Comments = [.. Comments.Select(c => new CommentRow
            {
                Author = c.Author,
                Text = c.Text,
                Mentions = string.Join(' ', c.Mentions),
                CreatedAt = Parse(c.CreatedAt) ?? DateTimeOffset.UnixEpoch,
                EditedAt = Parse(c.EditedAt),
            })],
        };

        private static string? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

        private static DateTimeOffset? Parse(string? time) =>
            time is null ? null : DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary>A comment as its file holds it.</summary>
    private sealed class CommentShape
    {
        public string? Author { get; set; }
        public string Text { get; set; } = "";
        public List<string> Mentions { get; set; } = [];
        public string CreatedAt { get; set; } = "";
        public string? EditedAt { get; set; }
    }
}

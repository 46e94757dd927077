namespace Wayfinder.Web.Evidence;

using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wayfinder.App.Data;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Workspaces;

/// <summary>
/// <c>/api/v1/workspaces/{workspace}/evidence</c>: what the stores hold, and uploads of events, survey answers and
/// insights (the file as the raw request body), each imported whole or not at all with the report the CLI prints.
/// </summary>
public static class EvidenceApi
{
    /// <summary>Query keys starting with this name a column mapping entry, e.g. <c>mapping.customer_id=user</c>.</summary>
    public const string MappingPrefix = "mapping.";

    private static readonly TimeSpan s_progressEvery = TimeSpan.FromMilliseconds(250);

    public static RouteGroupBuilder MapEvidence(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/evidence").WithTags("Evidence");
        group.MapGet("/", Summary).RequireWorkspaceRole(WorkspaceRole.Viewer);

        // Any size the store takes: the body streams to a file, never into memory.
        group.MapPost("/{kind}", Upload).RequireWorkspaceRole(WorkspaceRole.Editor).WithMetadata(new DisableRequestSizeLimitAttribute());
        return group;
    }

    /// <summary>The workspace's stores with its documents from the database; null when there is no such workspace (or the id is no slug).</summary>
    internal static async Task<WorkspaceStores?> OpenAsync(string workspace, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, CancellationToken cancellationToken) =>
        evidence.FolderOf(workspace) is not null && await workspaces.OpenAsync(workspace, cancellationToken) is { } documents ? evidence.Open(documents, workspace) : null;

    internal static ProblemHttpResult NoWorkspace(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"");

    private static async Task<Results<Ok<EvidenceSummary>, ProblemHttpResult>> Summary(string workspace, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        if (await OpenAsync(workspace, evidence, workspaces, cancellationToken) is not { } stores)
        {
            return NoWorkspace(workspace);
        }

        var events = await stores.Events.SummaryAsync(cancellationToken);
        var (surveys, insights) = await evidence.FeedbackCountsAsync(workspace, cancellationToken);
        return TypedResults.Ok(new EvidenceSummary(events.Events, events.Customers, Time(events.FromMicros), Time(events.ToMicros), surveys, insights, events.EventNames));
    }

    private static async Task<Results<Ok<UploadReport>, ProblemHttpResult>> Upload(
        string workspace, string kind, HttpContext http, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, ImportService importer, IWorkspaceEvents events, TimeProvider clock,
        BackgroundCompaction compaction)
    {
        var cancellationToken = http.RequestAborted;
        DataKind? parsed = kind switch { "events" => DataKind.Events, "surveys" => DataKind.Surveys, "insights" => DataKind.Insights, _ => null };
        if (parsed is not { } dataKind)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such kind of evidence",
                detail: $"\"{kind}\" is not a kind of evidence; upload to evidence/events, evidence/surveys or evidence/insights");
        }

        if (await OpenAsync(workspace, evidence, workspaces, cancellationToken) is not { Folder: { } folder } stores)
        {
            return NoWorkspace(workspace);
        }

        var request = UploadRequest.Parse(http.Request.Query, dataKind);
        if (request.Problem is { } bad)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload's options are not valid", detail: bad);
        }

        using var slot = evidence.TryBeginImport(workspace);
        if (slot is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another import is running",
                detail: $"workspace \"{workspace}\" is importing a file; send this one again when that import has ended (an \"imported\" event says so)");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var actor = http.User.Identity?.Name;
        var progress = new ProgressEvents(events, clock, workspace, actor, kind);
        var uploads = Directory.CreateDirectory(Path.Combine(folder, ".uploads")).FullName;
        var temporary = Path.Combine(uploads, Guid.NewGuid().ToString("N") + "." + request.Extension);
        try
        {
            long received;
            try
            {
                received = await ReceiveAsync(http.Request.Body, temporary, progress, http.Request.ContentLength, cancellationToken);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
            {
                return Incomplete(request.File, $"the upload stopped: {e.Message}");
            }

            if (http.Request.ContentLength is { } length && received != length)
            {
                return Incomplete(request.File, $"{received} of the {length} bytes announced in Content-Length arrived");
            }

            var report = await importer.ImportAsync(stores, request.ToDataFile(dataKind, temporary), progress, cancellationToken);
            var uploaded = UploadReport.From(report, request.File);
            if (report.Succeeded)
            {
                evidence.Imported(workspace);
            }

            if (report.Segments > 0)
            {
                compaction.Request(stores.Events);
            }

            await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Imported, actor, Detail: Describe(kind, report)), CancellationToken.None);
            return report.Succeeded
                ? TypedResults.Ok(uploaded)
                : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported", detail: $"{request.File}: nothing was stored: {report.Error}",
                    extensions: new Dictionary<string, object?> { ["report"] = uploaded });
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Copies the body to <paramref name="path"/>, saying how far it got; returns the bytes received.</summary>
    private static async Task<long> ReceiveAsync(Stream body, string path, ProgressEvents progress, long? length, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long received = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            received += read;
            progress.Receiving(received, length);
        }

        return received;
    }

    private static ProblemHttpResult Incomplete(string file, string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload did not arrive whole",
            detail: $"{file}: {what}; nothing was imported and the stores are unchanged; send the whole file again");

    private static string Describe(string kind, ImportReport report) => report.Succeeded
        ? $"{kind}: {report.RowsRead} rows read, {report.RowsAdded} added, {report.Duplicates} already there, {report.BadRows} bad"
        : $"{kind}: nothing was stored: {report.Error}";

    private static DateTimeOffset? Time(long? micros) => micros is { } m ? DateTimeOffset.UnixEpoch.AddTicks(m * 10) : null;

    /// <summary>The query of an upload: preset, format, max_bad_rows, name and <c>mapping.*</c>.</summary>
    private sealed record UploadRequest(string? Preset, string? Format, long MaxBadRows, string File, IReadOnlyDictionary<string, string>? Mapping, string Extension, string? Problem)
    {
        public static UploadRequest Parse(IQueryCollection query, DataKind kind)
        {
            var preset = query["preset"].FirstOrDefault();
            var format = query["format"].FirstOrDefault()?.Trim().ToLowerInvariant();
            var name = Path.GetFileName(query["name"].FirstOrDefault() ?? "");
            var fromName = Path.GetExtension(name).TrimStart('.').ToLowerInvariant() switch
            {
                "csv" or "tsv" or "txt" => DataFormats.Csv,
                "ndjson" or "jsonl" or "json" => DataFormats.Ndjson,
                "parquet" => DataFormats.Parquet,
                _ => null,
            };
            var chosen = format ?? fromName ?? DataFormats.Csv;
            var file = name.Length > 0 ? name : $"upload.{chosen}";
            var mapping = query.Where(q => q.Key.StartsWith(MappingPrefix, StringComparison.Ordinal) && q.Key.Length > MappingPrefix.Length)
                .ToDictionary(q => q.Key[MappingPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);
            string? problem = null;
            long maxBadRows = 0;
            if (preset is not null && (kind != DataKind.Events || !ColumnPresets.Names.Contains(preset)))
            {
                problem = kind != DataKind.Events
                    ? "preset is for events only; survey answers and insights are read by their column names (or mapping.* entries)"
                    : $"unknown preset \"{preset}\"; presets: {string.Join(", ", ColumnPresets.Names)}";
            }
            else if (!DataFormats.Names.Contains(chosen))
            {
                problem = $"unknown format \"{chosen}\"; formats: {string.Join(", ", DataFormats.Names)}";
            }
            else if (query["max_bad_rows"].FirstOrDefault() is { } max && (!long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxBadRows)))
            {
                problem = $"max_bad_rows takes a number of rows, 0 or more, not \"{max}\" (e.g. max_bad_rows=10)";
            }

            return new(preset, format, maxBadRows, file, mapping.Count > 0 ? mapping : null, chosen, problem);
        }

        public DataFile ToDataFile(DataKind kind, string path) => new(kind, path, Preset, Format, Mapping, MaxBadRows);
    }

    /// <summary>Publishes how far an upload and its import got, at most every 250 ms.</summary>
    private sealed class ProgressEvents(IWorkspaceEvents events, TimeProvider clock, string workspace, string? actor, string kind) : IProgress<ImportProgress>
    {
        private readonly Lock _gate = new();
        private long? _last;

        public void Receiving(long bytes, long? length) =>
            Publish($"{kind}: received {bytes.ToString(CultureInfo.InvariantCulture)}{(length is { } l ? " of " + l.ToString(CultureInfo.InvariantCulture) : "")} bytes");

        public void Report(ImportProgress value) =>
            Publish($"{kind}: {value.Rows.ToString(CultureInfo.InvariantCulture)} rows read, {value.Bytes.ToString(CultureInfo.InvariantCulture)} of {value.TotalBytes.ToString(CultureInfo.InvariantCulture)} bytes{(value.Stage is { } stage ? ", " + stage : "")}");

        private void Publish(string detail)
        {
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                if (_last is { } last && clock.GetElapsedTime(last, now) < s_progressEvery)
                {
                    return;
                }

                _last = now;
            }

            // Progress is a hint: a listener that fails must not stop the import.
            _ = events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.ImportProgress, actor, Detail: detail))
                .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}

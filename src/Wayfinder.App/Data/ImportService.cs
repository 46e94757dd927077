namespace Wayfinder.App.Data;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>What a data file holds.</summary>
public enum DataKind
{
    Events,
    Surveys,
    Insights,
}

/// <summary>One file to import and how to read it (a data source of wayfinder.yaml, or a file named on the command line).</summary>
/// <param name="MaxBadRows">How many bad rows may be left out with the good rows stored; 0: any bad row and nothing is stored.</param>
public sealed record DataFile(DataKind Kind, string Path, string? Preset = null, string? Format = null, IReadOnlyDictionary<string, string>? Mapping = null, long MaxBadRows = 0);

/// <summary>
/// Imports events, survey answers and insights into the workspace's stores, each file whole or not at all: a file
/// with more bad rows than its <see cref="DataFile.MaxBadRows"/> stores nothing (the stores keep this rule).
/// </summary>
public sealed class ImportService
{
    /// <summary>The data sources listed in wayfinder.yaml, their paths made absolute against the workspace folder.</summary>
    /// <param name="maxBadRows">The bad rows every source accepts instead of its own <c>max_bad_rows</c>; null keeps each source's.</param>
    public async Task<IReadOnlyList<DataFile>> SourcesAsync(WorkspaceStores workspace, long? maxBadRows = null, CancellationToken cancellationToken = default)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var root = workspace.Folder ?? Environment.CurrentDirectory;
        return [.. loaded.Config.DataSources.Select(s => new DataFile(KindOf(s.Kind), Path.GetFullPath(s.Path, root), s.Preset, s.Format, s.Mapping, maxBadRows ?? s.MaxBadRows ?? 0))];
    }

    /// <summary>Imports one file, whole or not at all; the report says what was stored (or why nothing was), what was there already and every bad row.</summary>
    public async Task<ImportReport> ImportAsync(WorkspaceStores workspace, DataFile file, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file.Path))
        {
            var error = Directory.Exists(file.Path) ? "a folder, not a file; name a file to import" : "no such file";
            return new ImportReport { File = file.Path, Format = file.Format ?? "", Error = error };
        }

        var feedback = new FeedbackImportOptions { Mapping = file.Mapping, MaxBadRows = file.MaxBadRows };
        return file.Kind switch
        {
            DataKind.Surveys => await workspace.Feedback.ImportSurveysAsync(file.Path, feedback, cancellationToken).ConfigureAwait(false),
            DataKind.Insights => await workspace.Feedback.ImportInsightsAsync(file.Path, feedback, cancellationToken).ConfigureAwait(false),
            _ => await workspace.Events.ImportAsync(
                file.Path,
                new EventImportOptions { Preset = file.Preset, Format = file.Format, Mapping = file.Mapping, MaxBadRows = file.MaxBadRows, Progress = progress },
                cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Merges the embedded store's appended imports into one; null when the workspace's events are in another store (nothing to compact).</summary>
    public async Task<CompactionReport?> CompactAsync(WorkspaceStores workspace, CancellationToken cancellationToken = default) =>
        workspace.Events is EventStore embedded ? await embedded.CompactAsync(cancellationToken).ConfigureAwait(false) : null;

    private static DataKind KindOf(DataSourceKind kind) => kind switch
    {
        DataSourceKind.Surveys => DataKind.Surveys,
        DataSourceKind.Insights => DataKind.Insights,
        _ => DataKind.Events,
    };
}

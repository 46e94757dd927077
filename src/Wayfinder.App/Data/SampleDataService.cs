namespace Wayfinder.App.Data;

using Wayfinder.App.Workspaces;
using Wayfinder.Evidence.SampleData;

/// <summary>Seeded, realistic sample data for a workspace's current journeys, as files to import.</summary>
public sealed class SampleDataService
{
    /// <summary>Writes events.csv, surveys.csv and insights.csv into <paramref name="folder"/>; the same seed writes the same bytes.</summary>
    public async Task<SampleDataResult> WriteAsync(WorkspaceStores workspace, string folder, int customers, int seed, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        return SampleDataWriter.Write(loaded, folder, customers, seed, progress);
    }

    /// <summary>The three files of a sample, in the order they are imported.</summary>
    public static IReadOnlyList<DataFile> Files(SampleDataResult sample) =>
        [new(DataKind.Events, sample.EventsFile), new(DataKind.Surveys, sample.SurveysFile), new(DataKind.Insights, sample.InsightsFile)];
}

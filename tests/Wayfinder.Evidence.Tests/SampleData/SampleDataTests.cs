namespace Wayfinder.Evidence.Tests.SampleData;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.SampleData;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Import;

public sealed class SampleDataTests
{
    private static Workspace Demo(string root)
    {
        foreach (var (path, text) in DemoWorkspace.Files("schemas"))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return WorkspaceFolder.Load(root).Workspace;
    }

    [Fact]
    public async Task TheDemoDataHasCustomersInTheFirstTimeFlyerSegment()
    {
        // The demo's own events, imported with the demo's mapping: its flagship persona's segment must select someone.
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "ws");
        var workspace = Demo(root);
        var source = workspace.Config.DataSources.Single(s => s.Id == "web-app-events");
        var store = EventStore.ForWorkspace(root);

        var report = await store.ImportAsync(Path.Combine(root, source.Path), new EventImportOptions { Preset = source.Preset, Mapping = source.Mapping });
        var log = store.Open();
        var persona = workspace.FindPersona("first-time-flyer")!;
        var selected = Segments.Customers(log, persona.Segment!);

        Assert.Equal(0L, report.BadRows);
        Assert.Equal(["age", "country", "flights_taken"], log.Attributes.Keys.Order());
        // Hand-checked in samples/demo/data/events.csv: customers with flights_taken 0, age under 26, in GB or IE.
        var expected = Enumerable.Range(0, log.CustomerCount).Count(c =>
            log.Attributes["flights_taken"][c] == "0" && int.Parse(log.Attributes["age"][c]!, System.Globalization.CultureInfo.InvariantCulture) < 26 && log.Attributes["country"][c] is "GB" or "IE");
        Assert.Equal(expected, selected.Count(x => x));
        Assert.True(expected > 5, $"only {expected} customers in the segment");
    }

    [Fact]
    public void TheSameSeedWritesTheSameFiles()
    {
        using var temp = new TempFolder();
        var workspace = Demo(Path.Combine(temp.Path, "ws"));

        var a = SampleDataWriter.Write(workspace, Path.Combine(temp.Path, "a"), 200, seed: 5);
        var b = SampleDataWriter.Write(workspace, Path.Combine(temp.Path, "b"), 200, seed: 5);

        Assert.Equal(File.ReadAllText(a.EventsFile), File.ReadAllText(b.EventsFile));
        Assert.Equal(File.ReadAllText(a.SurveysFile), File.ReadAllText(b.SurveysFile));
        Assert.Equal(File.ReadAllText(a.InsightsFile), File.ReadAllText(b.InsightsFile));
        Assert.True(a.Events > 200 && a.Surveys > 0 && a.Insights > 0);
    }

    [Fact]
    public async Task SampleDataImportsCleanlyAndDropsCustomersAtEveryStage()
    {
        using var temp = new TempFolder();
        var root = Path.Combine(temp.Path, "ws");
        var workspace = Demo(root);
        var data = SampleDataWriter.Write(workspace, Path.Combine(temp.Path, "data"), 500, seed: 11);
        var store = EventStore.ForWorkspace(root);
        var feedback = SurveyStore.ForWorkspace(root);

        var events = await store.ImportAsync(data.EventsFile, new EventImportOptions());
        var surveys = await feedback.ImportSurveysAsync(data.SurveysFile);
        var insights = await feedback.ImportInsightsAsync(data.InsightsFile);
        var journey = workspace.FindJourney("first-flight")!;
        var report = await JourneyAnalysis.RunAsync(workspace, journey, store, feedback, new AnalysisRequest { Today = new DateOnly(2026, 11, 25) });

        Assert.Equal((0L, 0L, 0L), (events.BadRows, surveys.BadRows, insights.BadRows));
        var funnel = report.Metrics.Funnel.Select(f => f.Customers).ToList();
        // Every customer starts the journey; an ordered funnel never grows, and the generated drop-offs make it shrink.
        Assert.Equal(500, funnel[0]);
        Assert.True(funnel.Zip(funnel.Skip(1)).All(p => p.First > p.Second), string.Join(" → ", funnel));
        Assert.True(report.Metrics.Stranded.Sum(s => s.Stranded) > 0);
        Assert.Contains(report.StageSatisfaction, s => s.Responses > 0);
    }
}

namespace Wayfinder.EvidenceBench;

using System.Diagnostics;
using Wayfinder.App.Documents;
using Wayfinder.App.Workspaces;
using Wayfinder.Drafting.Discovery;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Journey discovery on the saved 10M-event store (bench/README.md, "Journey discovery on 10M events"): the whole time
/// from opening the Arrow files, then discovery alone (best of three), against the bench journey's analysis on the
/// same store in the same run.
/// </summary>
internal static class DiscoveryBench
{
    public static async Task RunAsync(string storeFolder)
    {
        if (!File.Exists(Path.Combine(storeFolder, "events.arrow")))
        {
            Console.Error.WriteLine($"no saved store in {storeFolder}: run the bench once with 10000000 events first");
            return;
        }

        Console.WriteLine($"# journey discovery on {storeFolder}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var whole = Stopwatch.StartNew();
        var store = new EventStore(storeFolder);
        var opened = store.Open();
        var openSeconds = whole.Elapsed.TotalSeconds;
        var workspace = new WorkspaceStores(new MemoryDocumentRepository("bench", null), store, SurveyStore.InMemory([]), null);
        var discovery = new JourneyDiscovery();
        var first = await discovery.DiscoverAsync(workspace, new DiscoveryRequest()).ConfigureAwait(false);
        whole.Stop();
        Console.WriteLine($"whole (open {opened.EventCount:N0} events, {opened.CustomerCount:N0} customers: {openSeconds:F2} s; first discovery {whole.Elapsed.TotalSeconds - openSeconds:F2} s): {whole.Elapsed.TotalSeconds:F2} s");

        var discoverBest = double.MaxValue;
        var analyzeBest = double.MaxValue;
        var firstPassBest = double.MaxValue;
        var names = (await store.SummaryAsync().ConfigureAwait(false)).EventNames.Select(e => e.Event).ToList();
        var journey = BenchJourney.Create();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            await discovery.DiscoverAsync(workspace, new DiscoveryRequest()).ConfigureAwait(false);
            discoverBest = Math.Min(discoverBest, watch.Elapsed.TotalSeconds);
            watch.Restart();
            await store.AnalyzeAsync(journey, new MetricsQuery()).ConfigureAwait(false);
            analyzeBest = Math.Min(analyzeBest, watch.Elapsed.TotalSeconds);
            watch.Restart();
            await JourneyDiscovery.EventPassAsync(store, names, new MetricsQuery(), CancellationToken.None).ConfigureAwait(false);
            firstPassBest = Math.Min(firstPassBest, watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"discovery alone (best of 3): {discoverBest:F3} s; baseline, the bench journey's AnalyzeAsync (best of 3): {analyzeBest:F3} s; ratio {discoverBest / analyzeBest:F2}x");
        Console.WriteLine($"of which the first pass (one stage per event name, {names.Count} names; best of 3): {firstPassBest:F3} s");
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (first.Journey is { } found)
        {
            Console.WriteLine($"discovered: {found.Customers:N0} customers, {found.Events:N0} events, {found.Stages.Count} stages, {found.Stages.Sum(s => s.Touchpoints.Count)} touchpoints, {found.Loops.Count} loops, {found.Branches.Count} branches, {found.LeftOut.Count} names left out");
            foreach (var stage in found.Stages)
            {
                Console.WriteLine($"  {stage.Id} ({stage.Customers:N0} customers, drop-off {stage.DropOff:N0}): {string.Join(", ", stage.Touchpoints.Select(t => $"{t.Id}[{string.Join('+', t.Events)}] {t.Channel}"))}");
            }

            foreach (var loop in found.Loops.Take(5))
            {
                Console.WriteLine($"  loop {loop.Name}: {loop.Count:N0} ({loop.Share:P0})");
            }
        }
        else
        {
            Console.WriteLine($"discovery: {first.Outcome}");
        }
    }
}

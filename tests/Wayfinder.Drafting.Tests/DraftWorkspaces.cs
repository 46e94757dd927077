namespace Wayfinder.Drafting.Tests;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App;
using Wayfinder.App.Documents;
using Wayfinder.App.Workspaces;
using Wayfinder.Drafting.Model;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Small workspaces held in memory for the drafting tests: five channels, the persona "maya" with every kind of trait,
/// and whatever events, answers and insights a test gives. The clock stands on 2026-12-03.
/// </summary>
internal static class DraftWorkspaces
{
    public static readonly DateOnly Today = new(2026, 12, 3);

    public const string Config = """
        name: Drafting test
        channels:
          - id: web
            name: Website
          - id: app
            name: Mobile app
            kind: digital
          - id: email
            name: Email
          - id: store
            name: Shop counter
            kind: human
          - id: phone
            name: Phone
            kind: human
        """;

    public const string Maya = """
        kind: persona
        id: maya
        title: Maya, the first-time flyer
        name: Maya
        role: First-time flyer
        quote: I just don't want to be the one holding up the queue.
        goals:
          - Get to the destination without embarrassment
        needs:
          - id: clear-steps
            text: Know what happens at each step at the airport
            importance: 5
          - id: total-price
            text: Pay one clear price with no surprises
            importance: 4
        jobs:
          - when: I fly for the first time
            want: a checklist of what to do and when
            so_that: I don't miss my flight
        pains:
          - Hidden fees for bags
          - Not knowing where to go at the airport
        channels: [app, web]
        segment: segment = "first-timer"
        review:
          last_reviewed: 2026-12-01
        """;

    /// <summary>The services as the CLI registers them, on a clock standing on <see cref="Today"/>; the model settings given (default: none configured).</summary>
    public static ServiceProvider Services(ModelSettings? model = null)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        return new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddWayfinder(o => o.MaxDegreeOfParallelism = 2)
            .AddWayfinderDrafting(model ?? new ModelSettings())
            .BuildServiceProvider();
    }

    /// <summary>The workspace with Maya (and any other files given as path → text) over the events, answers and insights given.</summary>
    public static WorkspaceStores Create(EventLog? events = null, IReadOnlyList<SurveyResponse>? surveys = null, IReadOnlyList<Insight>? insights = null, IReadOnlyDictionary<string, string>? files = null, string config = Config)
    {
        var documents = new MemoryDocumentRepository("drafting", config);
        documents.PutFile("personas/maya.yaml", Maya);
        foreach (var (path, text) in files ?? new Dictionary<string, string>())
        {
            documents.PutFile(path, text);
        }

        return new WorkspaceStores(documents, EventStore.InMemory(events ?? EventLog.Empty), SurveyStore.InMemory(surveys ?? [], insights ?? []), null);
    }
}

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

namespace Wayfinder.App.Tests.Services;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Analysis;
using Wayfinder.App.Documents;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Store;

/// <summary>Analyze and gaps through the services on a workspace and events held in memory: no file is read or written.</summary>
public sealed class InMemoryAnalysisTests
{
    private const string Config = "name: Shop\nchannels:\n  - id: web\n    name: Website\n";

    private const string JourneyText = """
        kind: journey
        id: shop
        title: Shop
        stages:
          - id: find
            name: Find
          - id: buy
            name: Buy
          - id: use
            name: Use
        lanes:
          - id: touchpoints
            type: touchpoints
            items:
              - id: tp-search
                stage: find
                text: Search
                channel: web
                events: [search]
              - id: tp-pay
                stage: buy
                text: Pay
                channel: web
                events: [pay]
              - id: tp-open
                stage: use
                text: Open
                channel: web
                events: [open]
        """;

    private static readonly long s_day = TimeSpan.FromDays(1).Ticks / 10;
    private readonly ServiceProvider _services = new ServiceCollection().AddWayfinder(o => o.MaxDegreeOfParallelism = 2).BuildServiceProvider();

    private WorkspaceStores Shop()
    {
        var documents = new MemoryDocumentRepository("shop", Config);
        documents.PutFile("journeys/shop.yaml", JourneyText);
        documents.PutFile("personas/buyer.yaml", "kind: persona\nid: buyer\ntitle: Buyer\nsegment: plan = \"pro\"\nreview:\n  last_reviewed: 2026-12-01\n");

        // a: search → pay → open; b: search → pay; c: search only; d: pay before search (never counts as buying in order).
        var events = new EventLogBuilder();
        events.Add("a", 0, "search", "web");
        events.Add("a", 1 * s_day, "pay", "web");
        events.Add("a", 2 * s_day, "open", "web");
        events.Add("b", 0, "search", "web");
        events.Add("b", 3 * s_day, "pay", "web");
        events.Add("c", 0, "search", "web");
        events.Add("d", 0, "pay", "web");
        events.Add("d", 1 * s_day, "search", "web");
        events.Add("d", 2 * s_day, "unrelated", "web");
        return _services.GetRequiredService<WorkspaceOpener>().InMemory(documents, events.Build(), []);
    }

    [Fact]
    public async Task AnalyzeGivesTheOrderedFunnelFromMemory()
    {
        var result = await _services.GetRequiredService<AnalysisService>().AnalyzeAsync(Shop(), "shop", new AnalysisRequest { Today = new DateOnly(2026, 12, 2) });

        var metrics = result.Report!.Metrics;
        // Stage 1 (find): a, b, c, d search = 4. In order after it: pay for a and b (d paid before searching) = 2; open for a = 1.
        Assert.Equal([4, 2, 1], metrics.Funnel.Select(f => f.Customers));
        Assert.Equal(8, metrics.MappedEvents);
        Assert.Equal(1, metrics.UnmappedEvents);
        Assert.True(result.HasEvents);
        // Time from find to buy among those who converted: a 1 day, b 3 days, so the median is 2 days.
        Assert.Equal(2 * 86400, result.Report.Metrics.Timings[0].MedianSeconds);
    }

    [Fact]
    public async Task AnUnknownJourneyOrPersonaIsAnswerNotAnException()
    {
        var analysis = _services.GetRequiredService<AnalysisService>();

        var noJourney = await analysis.AnalyzeAsync(Shop(), "shopp", new AnalysisRequest());
        var noPersona = await analysis.AnalyzeAsync(Shop(), "shop", new AnalysisRequest { PersonaId = "nobody" });

        Assert.Null(noJourney.Report);
        Assert.Equal(["shop"], noJourney.KnownJourneys);
        Assert.Null(noPersona.Report);
        Assert.Equal("no persona 'nobody' in the workspace; `wayfinder list` shows the ids", noPersona.Problem);
    }

    [Fact]
    public async Task GapsNameTheStagesWithoutSurveyAnswers()
    {
        var gaps = await _services.GetRequiredService<AnalysisService>().GapsAsync(Shop(), new DateOnly(2026, 12, 2));

        // Every stage and touchpoint has events; none has a survey answer, since none were imported.
        Assert.Equal(
            [
                "stage-without-surveys find", "stage-without-surveys buy", "stage-without-surveys use",
                "touchpoint-without-surveys tp-search", "touchpoint-without-surveys tp-pay", "touchpoint-without-surveys tp-open",
            ],
            gaps.Select(g => $"{g.Kind} {g.Target}"));
    }

    [Fact]
    public async Task AnUnknownPersonaChannelOrPeriodIsAProblemThatNamesTheClosestKnownOne()
    {
        var analysis = _services.GetRequiredService<AnalysisService>();

        var persona = await analysis.AnalyzeAsync(Shop(), "shop", new AnalysisRequest { PersonaId = "buyr" });
        var channel = await analysis.AnalyzeAsync(Shop(), "shop", new AnalysisRequest { Channel = "wbe" });
        var fax = await analysis.AnalyzeAsync(Shop(), "shop", new AnalysisRequest { Channel = "fax" });
        var period = await analysis.AnalyzeAsync(Shop(), "shop", new AnalysisRequest { Period = "1970-13" });

        // The events run from 1970-01-01 to 1970-01-04: the periods of the data are 1970, 1970-01 and 1970-Q1.
        Assert.Equal("no persona 'buyr' in the workspace; `wayfinder list` shows the ids; did you mean \"buyer\"?", persona.Problem);
        Assert.Equal("no channel 'wbe' in the workspace, the journey or the data; did you mean \"web\"?; channels: web", channel.Problem);
        Assert.Equal("no channel 'fax' in the workspace, the journey or the data; channels: web", fax.Problem);
        Assert.Equal("'1970-13': a month runs from 01 to 12; did you mean \"1970-01\"?", period.Problem);
        Assert.All([persona, channel, fax, period], r => Assert.Null(r.Report));
    }

    [Fact]
    public async Task APersonaNotOnTheJourneyAndAPeriodWithoutEventsAreWarningsAndTheAnalysisRuns()
    {
        var result = await _services.GetRequiredService<AnalysisService>().AnalyzeAsync(Shop(), "shop", new AnalysisRequest { PersonaId = "buyer", Period = "2026-q2" });

        Assert.NotNull(result.Report);
        Assert.Equal(
            [
                "persona 'buyer' is not on journey 'shop' (it names no personas); the numbers are for its segment all the same",
                "no events in 2026-Q2: the data runs from 1970-01-01 to 1970-01-04",
            ],
            result.Warnings);
    }

    [Theory]
    [InlineData(null, null, null, "")]
    [InlineData("buyer", null, "2026-q2", "persona-buyer_2026-Q2")]
    [InlineData(null, "web", null, "channel-web")]
    [InlineData("buyer", "web", "1970", "persona-buyer_channel-web_1970")]
    public async Task ACutsResultsGoToAFolderNamedByItsParts(string? persona, string? channel, string? period, string folder)
    {
        var result = await _services.GetRequiredService<AnalysisService>().AnalyzeAsync(Shop(), "shop", new AnalysisRequest { PersonaId = persona, Channel = channel, Period = period });

        Assert.Equal(folder, result.CutFolder);
    }
}

namespace Wayfinder.Evidence.ClickHouse.Tests;

using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Metrics;
using Wayfinder.Evidence.Tests.Surveys;

/// <summary>The survey and insight store contract on one ClickHouse server: the same tests, the same expected values, as the embedded store.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class SingleServerFeedbackStoreContractTests(ClickHouseServers servers) : FeedbackStoreContractTests
{
    protected override IFeedbackStore CreateStore(string folder) => new ClickHouseFeedbackStore(servers.Single.ForTable(ClickHouseServers.NewPrefix()));
}

/// <summary>The survey and insight store contract on the two-shard cluster.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class ClusterFeedbackStoreContractTests(ClickHouseServers servers) : FeedbackStoreContractTests
{
    protected override IFeedbackStore CreateStore(string folder) => new ClickHouseFeedbackStore(servers.Cluster.ForTable(ClickHouseServers.NewPrefix()));
}

/// <summary>What the ClickHouse feedback store does beyond the contract: exact strings and doubles, visibility by batch, big cuts.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class FeedbackStoreTests(ClickHouseServers servers) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-ch-feedback-").FullName;

    public static TheoryData<string> Hostile => new()
    {
        "it's",
        @"back\slash",
        "'); DROP TABLE x; --",
        "nul\0inside",
        "tab\tinside",
        "\u0001\u001f\u007f",
        "émoji 😀 and 中文 \u2028",
        @"\'",
        "\"quoted\" {\"json\": [1]}",
        "\\",
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileInsightTextsAndSurveyCommentsComeBackExactly(string hostile)
    {
        using var store = new ClickHouseFeedbackStore(servers.Single.ForTable(ClickHouseServers.NewPrefix()));
        // NDJSON carries every character; the importer trims ends, so the hostile text sits inside other text (and not in
        // a list field, which the importer splits at commas and semicolons).
        var text = "x " + hostile + " y";
        var surveys = Write("surveys.ndjson", Json(new { timestamp = "2026-01-05T00:00:00Z", customer_id = hostile + "c", touchpoint = "a", metric = "csat", score = 5, comment = text }));
        var insights = Write("insights.ndjson", Json(new { id = hostile + "i", text, kind = hostile + "k", personas = new[] { "p" }, source = text }));

        var s = await store.ImportSurveysAsync(surveys);
        var i = await store.ImportInsightsAsync(insights);
        var again = await store.ImportSurveysAsync(surveys);
        var comments = await store.Client.QueryAsync($"SELECT comment, customer FROM {ClickHouseTables.Q(store.Tables.Surveys)}");
        var found = await store.InsightsAsync(new InsightQuery(PersonaId: "p"));

        Assert.Equal((1L, 1L, 0L, 1L), (s.RowsAdded, i.RowsAdded, again.RowsAdded, again.Duplicates));
        Assert.Equal((text, hostile + "c"), (comments.Single().GetProperty("comment").GetString(), comments.Single().GetProperty("customer").GetString()));
        var insight = found.Single();
        Assert.Equal((hostile + "i", hostile + "k", text, text), (insight.Id, insight.Kind, insight.Text, insight.Source));
        Assert.Equal(2d, (await store.EmotionByCustomerAsync())[hostile + "c"]);
    }

    [Fact]
    public async Task RowsOfABatchWithoutItsCommitRowAreInvisibleAndImportingAgainStoresThem()
    {
        using var store = new ClickHouseFeedbackStore(servers.Single.ForTable(ClickHouseServers.NewPrefix()));
        var file = Write("surveys.csv", "timestamp,customer_id,touchpoint,metric,score\n2026-01-05T00:00:00Z,u1,a,csat,4\n");
        Assert.Equal((0L, 0L), await store.CountsAsync());

        // An import cut off after its rows went in and before its commit row: the rows are there, uncommitted.
        await store.Client.ExecuteAsync(
            $"INSERT INTO {ClickHouseTables.Q(store.Tables.Surveys)} (batch, seq, hash, ts, customer, touchpoint, metric, score) VALUES (7, 0, 'h', 0, 'u1', 'a', 'csat', 4)");
        var interrupted = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery());
        var counts = await store.CountsAsync();
        var report = await store.ImportSurveysAsync(file);
        var after = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery());

        Assert.Equal((0, (0L, 0L)), (interrupted.Touchpoints[0].Responses, counts));
        Assert.Equal((1L, 0L), (report.RowsAdded, report.Duplicates));
        Assert.Equal((1, 4d), (after.Touchpoints[0].Responses, after.Touchpoints[0].Csat!.Value));
        Assert.Equal((1L, 0L), await store.CountsAsync());
    }

    [Fact]
    public async Task AnImportCutOffByAStoppedServerLeavesNothingVisibleAndRunningItAgainCompletesIt()
    {
        var settings = servers.Cluster.ForTable(ClickHouseServers.NewPrefix());
        var file = Write("surveys.csv", "timestamp,customer_id,touchpoint,metric,score\n2026-01-05T00:00:00Z,u1,a,csat,4\n2026-01-06T00:00:00Z,u2,c,nps,9\n");
        ClickHouseException error;
        using (var store = new ClickHouseFeedbackStore(settings))
        {
            store.BeforeCommit = () =>
            {
                servers.Stop(0);
                return Task.CompletedTask;
            };
            try
            {
                error = await Assert.ThrowsAsync<ClickHouseException>(() => store.ImportSurveysAsync(file));
            }
            finally
            {
                servers.Start(0);
            }
        }

        using var again = new ClickHouseFeedbackStore(settings);
        var before = await again.CountsAsync();
        var stored = await again.Client.QueryAsync($"SELECT count() AS n FROM {ClickHouseTables.Q(again.Tables.Surveys)}");
        var report = await again.ImportSurveysAsync(file);

        // The rows went in before the server stopped, but without their commit row nobody sees them.
        Assert.True(error.Unreachable, error.Message);
        Assert.Equal((0L, 0L, 2L), (before.Answers, before.Insights, stored[0].GetProperty("n").GetInt64()));
        Assert.Equal((2L, 0L), (report.RowsAdded, report.Duplicates));
        Assert.Equal((2L, 0L), await again.CountsAsync());
    }

    [Fact]
    public async Task CountsAreTheStoredAnswersAndInsights()
    {
        using var store = new ClickHouseFeedbackStore(servers.Single.ForTable(ClickHouseServers.NewPrefix()));

        // A wide row with two filled cells is two answers; the second file repeats one answer and adds one.
        await store.ImportSurveysAsync(Write("a.csv", "timestamp,touchpoint,csat,nps\n2026-01-05T00:00:00Z,a,4,9\n"));
        var second = await store.ImportSurveysAsync(Write("b.csv", "timestamp,touchpoint,csat\n2026-01-05T00:00:00Z,a,4\n2026-01-06T00:00:00Z,a,4\n"));
        await store.ImportInsightsAsync(Write("i.csv", "id,text\ni1,one\ni2,two\n"));

        Assert.Equal((1L, 1L), (second.RowsAdded, second.Duplicates));
        Assert.Equal((3L, 2L), await store.CountsAsync());
    }

    [Fact]
    public async Task ABigPersonaIsSentAsRowsAndCutsAsASmallOneDoes()
    {
        using var store = new ClickHouseFeedbackStore(servers.Cluster.ForTable(ClickHouseServers.NewPrefix()));
        await store.ImportSurveysAsync(Write("s.csv", "timestamp,customer_id,touchpoint,metric,score\n2026-01-05T00:00:00Z,u1,a,csat,5\n2026-01-06T00:00:00Z,u2,a,csat,1\n2026-01-07T00:00:00Z,,a,csat,2\n"));
        var many = new HashSet<string>(Enumerable.Range(0, ClickHouseFeedbackStore.CustomersInline + 500).Select(i => $"x{i}").Append("u1").Append(""), StringComparer.Ordinal);

        var big = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery { Customers = many });
        var small = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery { Customers = new HashSet<string>(["u1", ""], StringComparer.Ordinal) });

        // Only u1's CSAT 5: the anonymous answer belongs to no persona, even one listing an empty id.
        Assert.Equal((1, 5d), (big.Touchpoints[0].Responses, big.Touchpoints[0].Csat!.Value));
        Assert.Equal(big.Touchpoints, small.Touchpoints);
        var tables = await store.Client.QueryAsync($"SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '{store.Tables.Prefix}_cut_%'");
        Assert.Empty(tables);
    }

    [Fact]
    public async Task MetricsAreTheSameDoublesAsTheEmbeddedStores()
    {
        // Scores and comments whose means fall between doubles: 0.731794 is one the 18.16 server reads one unit off as
        // text, and sums of 0.1 and 0.2 depend on the order they are added in.
        var lines = new List<string> { "timestamp,customer_id,touchpoint,stage,metric,score,comment" };
        var scores = new[] { "0.731794", "0.1", "0.2", "-0.948629", "1.3", "0.7" };
        var comments = new[] { "great and easy", "slow, not good", "", "never fast", "hate the wait but love the staff", "fine" };
        for (var i = 0; i < 60; i++)
        {
            var (tp, stage) = (i % 4) switch { 0 => ("a", ""), 1 => ("b", ""), 2 => ("", "B"), _ => ("z", "C") };
            var metric = (i % 5) switch { 0 => "csat", 1 => "ces", 2 => "nps", _ => "emotion" };
            var score = metric == "emotion" ? scores[i % scores.Length] : metric == "nps" ? (i % 11).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{1 + (i % 4)}.{i % 10}";
            lines.Add($"2026-01-{1 + (i % 28):00}T00:00:00Z,u{i % 7},{tp},{stage},{metric},{score},\"{comments[i % comments.Length]}\"");
        }

        var file = Write("surveys.csv", string.Join("\n", lines) + "\n");
        using var clickHouse = new ClickHouseFeedbackStore(servers.Cluster.ForTable(ClickHouseServers.NewPrefix()));
        var embedded = new SurveyStore(Path.Combine(_folder, "embedded"));
        Assert.Equal((60L, 60L), ((await embedded.ImportSurveysAsync(file)).RowsAdded, (await clickHouse.ImportSurveysAsync(file)).RowsAdded));
        var cut = new SurveyQuery { Customers = new HashSet<string>(["u1", "u2", "u3", "u5"], StringComparer.Ordinal), FromMicros = 1767571200000000 };

        foreach (var query in new[] { new SurveyQuery(), cut, new SurveyQuery { Channel = "web" } })
        {
            var expected = await embedded.SatisfactionAsync(LogFixture.ThreeStages(), query);
            var actual = await clickHouse.SatisfactionAsync(LogFixture.ThreeStages(), query);
            Assert.Equal(expected.Touchpoints, actual.Touchpoints);
            Assert.Equal(expected.Stages, actual.Stages);
            Assert.Equal(expected.Curve, actual.Curve);
        }

        var emotion = await clickHouse.EmotionByCustomerAsync();
        Assert.Equal((await embedded.EmotionByCustomerAsync()).OrderBy(e => e.Key, StringComparer.Ordinal), emotion.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Contains((await embedded.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery())).Stages, s => s.Sentiment is not null && s.Csat is not null);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

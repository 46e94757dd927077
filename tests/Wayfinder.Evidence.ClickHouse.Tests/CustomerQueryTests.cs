namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Text.Encodings.Web;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Metrics;

/// <summary>
/// Customers, channel mix and behaviour on one server and on the two-shard cluster equal the embedded store's on the
/// same log, value for value and in the same order. The log goes in as rows (seq = the log's row order, attributes one
/// row per customer and name, every customer in the customers table), independent of the importer.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class CustomerQueryTests(ClickHouseServers servers)
{
    private static readonly string[] SegmentFilters =
    [
        "plan = \"free\"", "customer.age > 30", "plan = \"gold\"", "age >= 19 and plan != \"pro\"", "not plan = \"free\"", "missing = 1",
        "plan in (\"pro\", \"vip\")", "age != 19",
    ];

    public static TheoryData<bool> Stores => [false, true];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task TheCustomersOfEachSegmentAreTheEmbeddedStoresWithTheirEventCounts(bool cluster)
    {
        var log = Log();
        var embedded = EventStore.InMemory(log);
        using var store = await StoreAsync(cluster, log);

        foreach (var segment in SegmentFilters)
        {
            var expected = await embedded.CustomersAsync(segment);
            var actual = await store.CustomersAsync(segment);
            Assert.Equal(expected, actual);
        }

        // By hand: u1 (34, 4 events) and u3 (100, 1 event) are older than 30; u4 is known only by attributes (vip, 0 events).
        Assert.Equal([new CustomerEvents("u1", 4), new CustomerEvents("u3", 1)], await store.CustomersAsync("customer.age > 30"));
        Assert.Equal([new CustomerEvents("u1", 4), new CustomerEvents("u4", 0)], await store.CustomersAsync("plan in (\"pro\", \"vip\")"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task TheChannelMixOfEachSegmentIsTheEmbeddedStoresInItsOrder(bool cluster)
    {
        var log = Log();
        var embedded = EventStore.InMemory(log);
        using var store = await StoreAsync(cluster, log);

        foreach (var segment in SegmentFilters.Append(null))
        {
            var expected = await embedded.ChannelMixAsync(segment);
            var actual = await store.ChannelMixAsync(segment);
            Assert.Equal(Describe(expected), Describe(actual));
        }

        // Everyone: 4 customers (u4 has no events); web u1 ×3 + u3, app u1 + u2, email u2; u2's c has no channel.
        var everyone = await store.ChannelMixAsync(null);
        Assert.Equal((4, "web:4 app:2 email:1"), (everyone.Customers, string.Join(' ', everyone.Channels.Select(c => $"{c.Channel}:{c.Events}"))));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task BehaviourIsTheEmbeddedStoresForPlainAndConditionalMappings(bool cluster)
    {
        var log = Log();
        var embedded = EventStore.InMemory(log);
        using var store = await StoreAsync(cluster, log);
        var conditional = LogFixture.ThreeStages() with
        {
            Lanes =
            [
                new Lane
                {
                    Id = "tp",
                    Type = LaneType.Touchpoints,
                    Items =
                    [
                        new LaneItem { Id = "a-ios", Stage = "A", Events = [new EventMatcher { Name = "?", Where = "device = \"ios\"" }] },
                        new LaneItem { Id = "pro", Stage = "B", Events = [new EventMatcher { Name = "*", Where = "plan = \"pro\"" }] },
                        new LaneItem { Id = "c", Stage = "C", Events = ["c*"] },
                    ],
                },
            ],
        };

        foreach (var journey in new[] { LogFixture.ThreeStages(), conditional })
        {
            var expected = Describe(await embedded.BehaviourAsync(journey));
            var actual = Describe(await store.BehaviourAsync(journey));
            Assert.Equal(expected, actual);
        }

        // By hand (three stages): u1 a,a,b (x unmapped) ends at b; u2 a,c; u3 b.
        Assert.Equal(
            "tp=a,b,c ch=web,app,email stages=3 end=1767398400000000 attrs=age[34,19,100];plan[pro,free,vip]"
            + " | u1 tp=2,1,0 ch=2,1,0 f=1 last=1767232800000000 a=0,0 | u2 tp=1,0,1 ch=0,1,0 f=2 last=1767315600000000 a=1,1 | u3 tp=0,1,0 ch=1,0,0 f=1 last=1767398400000000 a=2,1",
            Describe(await store.BehaviourAsync(LogFixture.ThreeStages())));
    }

    /// <summary>
    /// u1..u3 with events (u2's c without a channel, u1's x mapped nowhere), u4 known only by attributes; channels and
    /// attribute values first appear in customer order, the order both stores keep.
    /// </summary>
    private static EventLog Log()
    {
        var builder = new EventLogBuilder();
        void Add(string customer, int day, int hour, string name, string channel, string device, string plan, string age) =>
            builder.Add(customer, Micros(day, hour), name, channel, [KeyValuePair.Create("device", device)], [KeyValuePair.Create("plan", plan), KeyValuePair.Create("age", age)]);
        Add("u1", 1, 0, "a", "web", "ios", "pro", "34");
        Add("u1", 1, 1, "a", "web", "web", "pro", "34");
        Add("u1", 1, 2, "b", "app", "", "pro", "34");
        Add("u1", 1, 3, "x", "web", "ios", "pro", "34");
        Add("u2", 2, 0, "a", "app", "ios", "free", "19");
        Add("u2", 2, 1, "c", "", "", "free", "19");
        Add("u2", 2, 2, "y", "email", "", "free", "19");
        Add("u3", 3, 0, "b", "web", "", "free", "100");
        var row = builder.AddAttributeRow("u4", Micros(3, 1));
        builder.Attribute("plan").Set(row, "vip");
        return builder.Build();
    }

    private static long Micros(int day, int hour) => new DateTimeOffset(2026, 1, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private static string Describe(SegmentChannels mix) => $"{mix.Customers}: {string.Join(' ', mix.Channels.Select(c => $"{c.Channel}:{c.Events}"))}";

    private static string Describe(BehaviourFeatures b) =>
        $"tp={string.Join(',', b.Touchpoints)} ch={string.Join(',', b.Channels)} stages={b.Stages} end={b.DataEndMicros} "
        + $"attrs={string.Join(';', b.Attributes.Select(a => $"{a.Name}[{string.Join(',', a.Values)}]"))}"
        + string.Concat(b.Customers.Select(c =>
            $" | {c.CustomerId} tp={string.Join(',', c.TouchpointEvents)} ch={string.Join(',', c.ChannelEvents)} f={c.FurthestStage} last={c.LastMicros} a={string.Join(',', c.Attributes)}"));

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A store of its own holding <paramref name="log"/>: events with seq = row index, attributes one row per customer and name.</summary>
    private async Task<ClickHouseEventStore> StoreAsync(bool cluster, EventLog log)
    {
        var settings = (cluster ? servers.Cluster : servers.Single).ForTable(ClickHouseServers.NewPrefix());
        var store = new ClickHouseEventStore(settings);
        await store.EnsureReadyAsync(CancellationToken.None);
        var sync = new Dictionary<string, string> { ["insert_distributed_sync"] = "1" };
        var events = new List<object>();
        var attributes = new List<object>();
        var customerOfRow = log.CustomerOfRow();
        for (var r = 0; r < log.EventCount; r++)
        {
            var properties = log.Properties.Where(p => p.Value[r] is not null).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            events.Add(new
            {
                customer = log.CustomerIds[customerOfRow[r]],
                ts = log.Timestamps[r],
                seq = r,
                @event = log.EventNames[log.EventCodes[r]],
                channel = log.ChannelCodes[r] < 0 ? "" : log.ChannelNames[log.ChannelCodes[r]],
                prop_keys = properties.Select(p => p.Key).ToArray(),
                prop_values = properties.Select(p => p.Value[r]!).ToArray(),
                batch = 1,
                hash = r,
            });
        }

        for (var c = 0; c < log.CustomerCount; c++)
        {
            var (start, end) = (log.CustomerStart[c], log.CustomerStart[c + 1]);
            foreach (var (name, column) in log.Attributes)
            {
                if (column[c] is { } value)
                {
                    attributes.Add(new { customer = log.CustomerIds[c], name, value, ts = end > start ? log.Timestamps[end - 1] : 0, seq = end > start ? end - 1 : log.EventCount + c, batch = 1 });
                }
            }
        }

        var customers = log.CustomerIds.Select(id => (object)new { customer = id, batch = 1 }).ToList();
        foreach (var (table, rows) in new[] { (store.Tables.Events, events), (store.Tables.Attributes, attributes), (store.Tables.Customers, customers) })
        {
            await store.Client.InsertAsync(table, async stream =>
            {
                foreach (var row in rows)
                {
                    await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(row, Json));
                    stream.WriteByte((byte)'\n');
                }
            }, sync);
        }

        await store.Client.ExecuteAsync($"INSERT INTO {Sql.Identifier(store.Tables.Batches)} (batch, file, rows, committed) VALUES (1, 'test', {Sql.Number(events.Count)}, now())");
        return store;
    }
}

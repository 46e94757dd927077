namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;

/// <summary>
/// Logs for the metrics tests (seeded random ones with equal timestamps, repeats and loops; small hand-made ones), and
/// a store holding exactly a log's rows, written straight into its tables as one committed batch.
/// </summary>
internal static class MetricsData
{
    public static readonly long Epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private const long Hour = 3_600_000_000;

    /// <summary>Stages A..D; A has two touchpoints (visit on web, ad without channel), C two (trial, demo on app).</summary>
    public static Journey FourStages() => new()
    {
        Id = "j4",
        Title = "Four",
        Stages = [Stage("A"), Stage("B"), Stage("C"), Stage("D")],
        Lanes =
        [
            new Lane
            {
                Id = "tp",
                Type = LaneType.Touchpoints,
                Items =
                [
                    new LaneItem { Id = "visit", Stage = "A", Text = "Visit", Channel = "web", Events = ["visit"] },
                    new LaneItem { Id = "ad", Stage = "A", Text = "Ad", Events = ["ad"] },
                    new LaneItem { Id = "signup", Stage = "B", Text = "Sign up", Channel = "web", Events = ["signup"] },
                    new LaneItem { Id = "trial", Stage = "C", Text = "Trial", Events = ["trial"] },
                    new LaneItem { Id = "demo", Stage = "C", Text = "Demo", Channel = "app", Events = ["demo"] },
                    new LaneItem { Id = "buy", Stage = "D", Text = "Buy", Channel = "web", Events = ["buy"] },
                ],
            },
        ],
    };

    /// <summary>
    /// <see cref="FourStages"/> with conditions: visits to the pricing page (a property) are a touchpoint of their own
    /// before plain visits, demos of pro customers (an attribute) before other demos, and wildcards for the rest.
    /// </summary>
    public static Journey Conditional()
    {
        var journey = FourStages();
        var items = journey.Lanes[0].Items;
        return journey with
        {
            Id = "jc",
            Lanes =
            [
                journey.Lanes[0] with
                {
                    Items =
                    [
                        new LaneItem { Id = "pricing", Stage = "A", Text = "Pricing", Events = [new EventMatcher { Name = "visit", Where = "page = \"pricing\"" }] },
                        items[0] with { Events = ["vis*"] },
                        items[1],
                        items[2] with { Events = ["sign?p"] },
                        items[3],
                        new LaneItem { Id = "pro-demo", Stage = "C", Text = "Pro demo", Events = [new EventMatcher { Name = "demo", Where = "plan = \"pro\"" }] },
                        items[4],
                        items[5],
                    ],
                },
            ],
        };
    }

    /// <summary>Stages A, B, C with touchpoints a, b, c claiming events "a", "b", "c".</summary>
    public static Journey ThreeStages() => new()
    {
        Id = "j",
        Title = "J",
        Stages = [Stage("A"), Stage("B"), Stage("C")],
        Lanes =
        [
            new Lane
            {
                Id = "tp",
                Type = LaneType.Touchpoints,
                Items =
                [
                    new LaneItem { Id = "a", Stage = "A", Text = "a", Events = ["a"] },
                    new LaneItem { Id = "b", Stage = "B", Text = "b", Events = ["b"] },
                    new LaneItem { Id = "c", Stage = "C", Text = "c", Events = ["c"] },
                ],
            },
        ],
    };

    /// <summary>A log of events at whole hours from <see cref="Epoch"/>.</summary>
    public static EventLog Log(params (string Customer, long Hours, string Event)[] rows)
    {
        var builder = new EventLogBuilder();
        foreach (var (customer, hours, name) in rows)
        {
            builder.Add(customer, Epoch + (hours * Hour), name);
        }

        return builder.Build();
    }

    /// <summary>
    /// About 60 customers over four months: events drawn with a drift towards later stages, loops back, repeats,
    /// unmapped noise, several channels or none, bursts at equal timestamps, and attributes plan and age.
    /// </summary>
    public static EventLog RandomLog(int seed, int? customerCount = null)
    {
        var random = new Random(seed);
        string[] names = ["visit", "ad", "signup", "trial", "demo", "buy", "noise"];
        string?[] channels = ["web", "app", "email", null, null];
        string[] plans = ["free", "pro", "plus"];
        var builder = new EventLogBuilder();
        var customers = customerCount ?? 50 + random.Next(20);
        for (var c = 0; c < customers; c++)
        {
            var id = $"c{random.Next(1000):D3}-{c}";
            var time = Epoch + (random.Next(24 * 110) * Hour);
            var stage = 0;
            var count = random.Next(1, 18);
            var attributes = new Dictionary<string, string> { ["plan"] = plans[random.Next(plans.Length)], ["age"] = (18 + random.Next(50)).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            for (var e = 0; e < count; e++)
            {
                // Equal timestamps in bursts (a third of the time), else minutes to a fortnight later.
                if (random.Next(3) > 0)
                {
                    time += random.Next(4) switch
                    {
                        0 => random.Next(1, 60) * 60_000_000L,
                        1 => random.Next(1, 48) * Hour,
                        2 => random.Next(1, 14) * 24 * Hour,
                        _ => random.Next(1, 10) * Hour,
                    };
                }

                var pick = random.Next(10);
                stage = pick < 5 ? Math.Min(3, stage + random.Next(2)) : pick < 7 ? Math.Max(0, stage - 1) : stage;
                var name = random.Next(8) == 0 ? "noise" : stage switch
                {
                    0 => random.Next(2) == 0 ? "visit" : "ad",
                    1 => "signup",
                    2 => random.Next(2) == 0 ? "trial" : "demo",
                    _ => random.Next(4) == 0 ? names[random.Next(names.Length)] : "buy",
                };
                var properties = name == "visit" ? new Dictionary<string, string> { ["page"] = random.Next(3) == 0 ? "pricing" : "home" } : null;
                builder.Add(id, time, name, channels[random.Next(channels.Length)], properties, attributes: e == 0 ? attributes : null);
            }
        }

        return builder.Build();
    }

    /// <summary>A store (tables created) holding exactly <paramref name="log"/>'s events and attributes, in one committed batch.</summary>
    public static async Task<ClickHouseEventStore> LoadAsync(ClickHouseSettings settings, EventLog log)
    {
        var store = new ClickHouseEventStore(settings);
        await store.EnsureReadyAsync(CancellationToken.None);
        var sync = new Dictionary<string, string> { ["insert_distributed_sync"] = "1" };
        const long Batch = 7;
        await store.Client.InsertAsync(store.Tables.Events, stream => Write(stream, json =>
        {
            for (var c = 0; c < log.CustomerCount; c++)
            {
                for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
                {
                    json.WriteStartObject();
                    json.WriteString("customer", log.CustomerIds[c]);
                    json.WriteNumber("ts", log.Timestamps[r]);
                    json.WriteNumber("seq", r);
                    json.WriteString("event", log.EventNames[log.EventCodes[r]]);
                    json.WriteString("channel", log.ChannelCodes[r] < 0 ? "" : log.ChannelNames[log.ChannelCodes[r]]);
                    var properties = log.Properties.Where(p => p.Value[r] is not null).ToList();
                    Strings(json, "prop_keys", properties.Select(p => p.Key));
                    Strings(json, "prop_values", properties.Select(p => p.Value[r]!));
                    json.WriteNumber("batch", Batch);
                    json.WriteNumber("hash", r);
                    json.WriteEndObject();
                    NextRow(json, stream);
                }
            }
        }), sync);
        await store.Client.InsertAsync(store.Tables.Attributes, stream => Write(stream, json =>
        {
            foreach (var (name, column) in log.Attributes)
            {
                for (var c = 0; c < log.CustomerCount; c++)
                {
                    if (column[c] is { } value)
                    {
                        json.WriteStartObject();
                        json.WriteString("customer", log.CustomerIds[c]);
                        json.WriteString("name", name);
                        json.WriteString("value", value);
                        json.WriteNumber("ts", 0);
                        json.WriteNumber("seq", 0);
                        json.WriteNumber("batch", Batch);
                        json.WriteEndObject();
                        NextRow(json, stream);
                    }
                }
            }
        }), sync);
        await store.Client.InsertAsync(store.Tables.Batches, stream => Write(stream, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("batch", Batch);
            json.WriteString("file", "metrics-test");
            json.WriteNumber("rows", log.EventCount);
            json.WriteEndObject();
            NextRow(json, stream);
        }));
        return store;
    }

    private static Stage Stage(string id) => new() { Id = id, Name = "Stage " + id };

    private static async Task Write(Stream stream, Action<Utf8JsonWriter> rows)
    {
        using (var json = new Utf8JsonWriter(stream))
        {
            rows(json);
        }

        await stream.FlushAsync();
    }

    /// <summary>Ends a JSONEachRow line and readies the writer for the next object.</summary>
    private static void NextRow(Utf8JsonWriter json, Stream stream)
    {
        json.Flush();
        stream.WriteByte((byte)'\n');
        json.Reset(stream);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}

namespace Wayfinder.Evidence.SampleData;

using System.Globalization;
using System.Text;
using Wayfinder.Core.Documents;

/// <summary>Settings for generated sample data.</summary>
public sealed record GeneratorOptions
{
    public int Seed { get; init; } = 42;
    public int Customers { get; init; } = 1000;

    /// <summary>First day customers may start.</summary>
    public DateOnly Start { get; init; } = new(2026, 1, 1);

    /// <summary>Days over which customers start.</summary>
    public int Days { get; init; } = 180;

    /// <summary>Chance of moving on from each stage to the next (the rest drop off); the last value repeats.</summary>
    public IReadOnlyList<double> Continue { get; init; } = [0.62, 0.55, 0.7, 0.75];

    /// <summary>Chance, after a stage, of looping back to the one before.</summary>
    public double LoopBack { get; init; } = 0.08;

    /// <summary>Chance that an event happens on another channel than the touchpoint's own.</summary>
    public double ChannelSwitch { get; init; } = 0.12;

    /// <summary>Chance of an extra event that no touchpoint claims (noise, as in real exports).</summary>
    public double Noise { get; init; } = 0.08;
}

/// <summary>One generated event.</summary>
public readonly record struct GeneratedEvent(string CustomerId, long TimestampMicros, string Event, string? Channel, CustomerTraits Customer);

/// <summary>A generated customer's attributes (the same for a customer in every journey).</summary>
public sealed record CustomerTraits(string Plan, string Country, string Device, int Age, string AccountType, string Role, int FlightsTaken, int FlightsLastYear);

/// <summary>
/// Realistic, seeded events for a journey: customers walk its stages in order with drop-offs, loops back, repeated
/// touchpoints, channel switches and unmapped noise. The same seed always gives the same events.
/// </summary>
public static class EventGenerator
{
    private static readonly string[] s_plans = ["free", "free", "free", "plus", "pro"];
    private static readonly string[] s_countries = ["DE", "DE", "FR", "GB", "GB", "IE", "US", "US", "NL", "ES"];
    private static readonly string[] s_devices = ["mobile", "mobile", "desktop", "tablet"];

    /// <summary>The event names a touchpoint claims, with wildcards turned into a concrete name.</summary>
    public static string ConcreteName(string pattern) => pattern.Replace("*", "started", StringComparison.Ordinal).Replace('?', 'x');

    public static IEnumerable<GeneratedEvent> Generate(Journey journey, GeneratorOptions options)
    {
        var stages = journey.Stages.Select(s => s.Id).ToList();
        var touchpoints = journey.Lanes.Where(l => l.Type == LaneType.Touchpoints)
            .SelectMany(l => l.Items)
            .Where(i => i.Events.Count > 0 && stages.Contains(i.Stage))
            .ToList();
        var byStage = stages.Select(s => touchpoints.Where(t => t.Stage == s).ToArray()).ToArray();
        var channels = touchpoints.Select(t => t.Channel).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        var random = new Random(options.Seed);
        var epoch = new DateTimeOffset(options.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        const long hour = 3_600_000_000L;
        var width = Math.Max(6, options.Customers.ToString(CultureInfo.InvariantCulture).Length);

        for (var c = 0; c < options.Customers; c++)
        {
            var id = "c" + c.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            // Attributes depend on the customer alone, so a customer keeps them across the journeys generated.
            var traits = new TraitRandom(unchecked(((ulong)options.Seed * 0x9E3779B97F4A7C15UL) + (ulong)c));
            var plan = s_plans[traits.Next(s_plans.Length)];
            var country = s_countries[traits.Next(s_countries.Length)];
            var device = s_devices[traits.Next(s_devices.Length)];
            var corporate = traits.NextDouble() < 0.15;
            var flightsTaken = traits.NextDouble() < 0.3 ? 0 : 1 + (int)(-Math.Log(1 - traits.NextDouble()) * (corporate ? 40 : 6));
            var customer = new CustomerTraits(
                plan,
                country,
                device,
                flightsTaken == 0 ? 18 + traits.Next(20) : 22 + traits.Next(50),
                corporate ? "corporate" : "personal",
                corporate && traits.NextDouble() < 0.2 ? "travel_manager" : "traveller",
                flightsTaken,
                flightsTaken == 0 ? 0 : Math.Min(flightsTaken, corporate ? 10 + traits.Next(40) : traits.Next(6)));
            var t = epoch + (long)(random.NextDouble() * options.Days * 24 * hour);
            var stage = 0;
            var steps = 0;
            while (stage < byStage.Length && steps < 4 * byStage.Length)
            {
                steps++;
                var options2 = byStage[stage];
                if (options2.Length > 0)
                {
                    var count = 1 + random.Next(3);
                    for (var e = 0; e < count; e++)
                    {
                        var tp = options2[Math.Min(options2.Length - 1, (int)(Math.Pow(random.NextDouble(), 1.5) * options2.Length))];
                        var name = ConcreteName(tp.Events[random.Next(tp.Events.Count)].Name);
                        var channel = tp.Channel;
                        if (channels.Length > 1 && random.NextDouble() < options.ChannelSwitch)
                        {
                            channel = channels[random.Next(channels.Length)];
                        }

                        yield return new GeneratedEvent(id, t, name, channel, customer);
                        t += (long)(-Math.Log(1 - random.NextDouble()) * 6 * hour) + 1;
                        if (random.NextDouble() < options.Noise)
                        {
                            yield return new GeneratedEvent(id, t, "session_heartbeat", channel, customer);
                            t += hour / 4;
                        }
                    }
                }

                // Plan and country shift the odds a little, so personas and segments differ in the data.
                var p = options.Continue[Math.Min(stage, options.Continue.Count - 1)] + (plan == "pro" ? 0.1 : 0) - (device == "tablet" ? 0.05 : 0) - (flightsTaken == 0 ? 0.08 : 0);
                if (stage > 0 && random.NextDouble() < options.LoopBack)
                {
                    stage--;
                }
                else if (random.NextDouble() < p)
                {
                    stage++;
                }
                else
                {
                    break;
                }

                t += (long)(-Math.Log(1 - random.NextDouble()) * 30 * hour);
            }
        }
    }

    /// <summary>SplitMix64: a customer's own tiny random source (a new System.Random per customer dominated generation).</summary>
    private struct TraitRandom(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int max) => (int)(NextULong() % (ulong)max);

        public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

        private ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Writes events as CSV: customer_id, timestamp, event, channel, the device property and the customer.* attributes.</summary>
    public static long WriteCsv(IEnumerable<GeneratedEvent> events, TextWriter writer, bool allAttributes = true)
    {
        writer.Write(allAttributes
            ? "customer_id,timestamp,event,channel,device,customer.plan,customer.country,customer.age,customer.account_type,customer.role,customer.flights_taken,customer.flights_last_year\n"
            : "customer_id,timestamp,event,channel,device,customer.plan,customer.country\n");
        long rows = 0;
        var line = new StringBuilder(96);
        foreach (var e in events)
        {
            line.Clear();
            line.Append(e.CustomerId).Append(',')
                .Append(DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMicros / 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(e.Event).Append(',')
                .Append(e.Channel).Append(',')
                .Append(e.Customer.Device).Append(',')
                .Append(e.Customer.Plan).Append(',')
                .Append(e.Customer.Country);
            if (allAttributes)
            {
                line.Append(',').Append(e.Customer.Age)
                    .Append(',').Append(e.Customer.AccountType)
                    .Append(',').Append(e.Customer.Role)
                    .Append(',').Append(e.Customer.FlightsTaken)
                    .Append(',').Append(e.Customer.FlightsLastYear);
            }

            line.Append('\n');
            writer.Write(line);
            rows++;
        }

        return rows;
    }
}

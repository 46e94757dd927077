namespace Wayfinder.Core.Templates;

using System.Globalization;
using System.Text;

/// <summary>
/// The demo's data: web, app and airport events of first-time flyers and a post-flight survey, generated
/// from a fixed seed so the files never change unless this code does. Event names are the ones the
/// touchpoints of the <c>first-flight</c> map claim, plus page views that no touchpoint claims.
/// </summary>
public static partial class DemoWorkspace
{
    /// <summary>The last moment the demo's data covers.</summary>
    public static readonly DateTime DataEnd = new(2026, 11, 20, 23, 59, 59, DateTimeKind.Utc);

    private const int DemoCustomers = 80;

    private static (string Events, string Surveys) Data()
    {
        var random = new SplitMix(20261125);
        var events = new List<(DateTime At, int Order, string Line)>();
        var surveys = new List<(DateTime At, int Order, string Line)>();
        string[] countries = ["GB", "GB", "GB", "IE", "DE", "PT"];

        for (var c = 1; c <= DemoCustomers; c++)
        {
            var id = $"c{c:000}";
            var age = 18 + random.Next(30);
            var country = countries[random.Next(countries.Length)];
            var flightsTaken = random.Chance(0.7) ? 0 : 1 + random.Next(6);
            var attributes = $"{age},{country},{flightsTaken}";
            var order = 0;
            void Event(DateTime at, string name, string channel)
            {
                if (at <= DataEnd)
                {
                    events.Add((at, order, $"{id},{Iso(at)},{name},{channel},{attributes}"));
                    order++;
                }
            }

            void Answer(DateTime at, string stage, string touchpoint, string metric, int score, string comment)
            {
                if (at <= DataEnd)
                {
                    surveys.Add((at, 0, $"{id},{Iso(at)},{stage},{touchpoint},{metric},{score},{Csv(comment)}"));
                }
            }

            // Plan: one to three fare searches over a few days, a third arriving from a search engine.
            var start = new DateTime(2026, 8, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(random.Next(75)).AddMinutes(random.Next(12 * 60));
            var at = start;
            if (random.Chance(0.35))
            {
                Event(at, "fare_search_referral", "search");
                at = at.AddMinutes(1);
            }

            for (var s = 1 + random.Next(3); s > 0; s--)
            {
                Event(at, "page_view", "web");
                Event(at.AddSeconds(40), "fare_search", "web");
                at = at.AddDays(random.Next(4)).AddMinutes(30 + random.Next(300));
            }

            // Book: 55% book within three weeks; the rest are stranded after searching.
            if (!random.Chance(0.55))
            {
                continue;
            }

            at = at.AddDays(random.Next(21)).AddMinutes(random.Next(600));
            Event(at, "booking_started", "web");
            Event(at.AddMinutes(6), "booking_completed", "web");
            Event(at.AddMinutes(7), "itinerary_email_sent", "email");

            // Prepare, check in, board, fly and arrive around a departure 10 to 50 days later.
            var flight = at.Date.AddDays(10 + random.Next(40)).AddHours(7).AddMinutes(random.Next(12) * 5);
            Event(flight.AddDays(-3).AddHours(3), "pretrip_email_opened", "email");
            if (random.Chance(0.6))
            {
                Event(flight.AddDays(-2).AddHours(12), "app_installed", "app");
            }

            if (random.Chance(0.58))
            {
                Event(flight.AddDays(-1).AddHours(11), "check_in_completed", "app");
            }

            var queue = 10 + random.Next(40);
            Event(flight.AddHours(-2).AddMinutes(-queue), "bag_dropped", "airport");
            Event(flight.AddHours(-1).AddMinutes(-20), "security_passed", "airport");
            Event(flight.AddMinutes(-45), "gate_notification_sent", "app");
            Event(flight.AddMinutes(-25), "boarding_pass_scanned", "airport");
            if (random.Chance(0.4))
            {
                Event(flight.AddHours(1), "inflight_purchase", "agent");
            }

            Event(flight.AddHours(2).AddMinutes(40), "baggage_belt_notification_sent", "app");

            // The survey after arrival: most answer; the bag drop queue shows in their scores.
            if (random.Chance(0.7))
            {
                var asked = flight.AddDays(1).AddHours(3);
                var nps = Math.Clamp(random.Next(11) - (queue > 35 ? 3 : 0) + 1, 0, 10);
                Answer(asked, "board", "tp-boarding-gate", "nps", nps, nps <= 6 ? "Not sure which boarding group I was in" : "");
                Answer(asked.AddMinutes(1), "check-in", "tp-bag-drop", "csat", queue > 35 ? 1 + random.Next(2) : 3 + random.Next(3), queue > 35 ? "Queued for bag drop even after checking in online" : "");
            }

            // Fly again: a post-trip email; some join the loyalty programme and search again, looping back to plan.
            var after = flight.AddDays(3).AddHours(2);
            Event(after, "post_trip_email_opened", "email");
            if (random.Chance(0.35))
            {
                Event(after.AddMinutes(5), "loyalty_joined", "web");
                Event(after.AddDays(20 + random.Next(30)), "fare_search", "web");
            }
        }

        var eventLines = events.OrderBy(e => e.At).ThenBy(e => e.Line, StringComparer.Ordinal).Select(e => e.Line);
        var surveyLines = surveys.OrderBy(s => s.At).ThenBy(s => s.Line, StringComparer.Ordinal).Select(s => s.Line);
        return (
            Lines("user_id,event_time,event_name,source,age,country,flights_taken", eventLines),
            Lines("respondent,submitted_at,stage,touchpoint,metric,score,comment", surveyLines));
    }

    private static string Lines(string header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Csv(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    /// <summary>SplitMix64: a tiny generator whose sequence is fixed by its seed on every platform and runtime.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int below) => (int)(NextUInt64() % (ulong)below);

        public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

        private ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}

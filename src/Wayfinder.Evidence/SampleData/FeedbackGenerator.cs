namespace Wayfinder.Evidence.SampleData;

using System.Globalization;
using System.Text;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Seeded survey answers and insights that agree with the generated events: customers answer about touchpoints they
/// used, scores lean on the stage's designed emotion (so unhappy touchpoints show up), comments carry sentiment
/// words, and some mention competitors.
/// </summary>
public static class FeedbackGenerator
{
    private static readonly string[] s_happy = ["Quick and easy", "Friendly staff, very helpful", "Smooth, clear steps", "Great app, simple to use", "Loved how fast it was"];
    private static readonly string[] s_unhappy = ["Slow and confusing", "Long wait, nobody helped", "The app crashed twice", "Hidden fees, frustrating", "Unclear rules, stressful"];
    private static readonly string[] s_neutral = ["It was fine", "As expected", "Nothing special", "Did the job"];

    /// <summary>Answers for about <paramref name="responseRate"/> of the touchpoint visits in <paramref name="events"/>.</summary>
    public static IEnumerable<SurveyResponse> Surveys(Journey journey, IEnumerable<GeneratedEvent> events, int seed, double responseRate = 0.08, IReadOnlyList<string>? competitors = null)
    {
        var random = new Random(seed);
        var emotion = journey.Lanes.Where(l => l.Type == LaneType.Emotion).SelectMany(l => l.Items)
            .Where(i => i.Score is not null).GroupBy(i => i.Stage).ToDictionary(g => g.Key, g => g.Average(i => i.Score!.Value), StringComparer.Ordinal);
        var touchpointOf = new Dictionary<string, LaneItem>(StringComparer.Ordinal);
        foreach (var item in journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items).Where(i => i.Id is not null))
        {
            foreach (var matcher in item.Events)
            {
                touchpointOf.TryAdd(EventGenerator.ConcreteName(matcher.Name), item);
            }
        }

        foreach (var e in events)
        {
            if (!touchpointOf.TryGetValue(e.Event, out var tp) || random.NextDouble() >= responseRate)
            {
                continue;
            }

            var mood = Math.Clamp(emotion.GetValueOrDefault(tp.Stage) + ((random.NextDouble() - 0.5) * 2.5), -2, 2);
            var metric = (SurveyMetric)random.Next(3);
            var score = metric switch
            {
                SurveyMetric.Nps => Math.Clamp(Math.Round(5 + (mood * 2.5)), 0, 10),
                SurveyMetric.Csat => Math.Clamp(Math.Round(3 + mood), 1, 5),
                _ => Math.Clamp(Math.Round(4 - (mood * 1.5)), 1, 7),
            };
            string? comment = null;
            if (random.NextDouble() < 0.4)
            {
                var pool = mood > 0.5 ? s_happy : mood < -0.5 ? s_unhappy : s_neutral;
                comment = pool[random.Next(pool.Length)];
                if (competitors is { Count: > 0 } && random.NextDouble() < 0.15)
                {
                    var competitor = competitors[random.Next(competitors.Count)];
                    comment += mood < 0 ? $"; {competitor} does this better" : $"; better than {competitor}";
                }
            }

            yield return new SurveyResponse(e.TimestampMicros + 3_600_000_000L, e.CustomerId, tp.Id, null, metric, score, comment);
        }
    }

    /// <summary>A handful of research notes per stage: interviews, support tickets and workshop notes.</summary>
    public static IEnumerable<Insight> Insights(Journey journey, int seed, IReadOnlyList<string> personas)
    {
        var random = new Random(seed);
        string[] kinds = ["interview", "support_ticket", "workshop", "usability"];
        var number = 0;
        foreach (var stage in journey.Stages)
        {
            var pains = journey.Lanes.Where(l => l.Type == LaneType.PainPoints).SelectMany(l => l.Items).Where(i => i.Stage == stage.Id && i.Text is not null).ToList();
            for (var i = 0; i < 2; i++)
            {
                number++;
                var kind = kinds[random.Next(kinds.Length)];
                var text = pains.Count > 0
                    ? $"{Capitalize(kind.Replace('_', ' '))}: \"{pains[random.Next(pains.Count)].Text}\" came up again at '{stage.Name}'."
                    : $"{Capitalize(kind.Replace('_', ' '))}: customers described '{stage.Name}' as {(random.NextDouble() < 0.5 ? "easy" : "confusing")}.";
                yield return new Insight(
                    $"insight-{number:000}",
                    new DateOnly(2026, 1, 1).AddDays(random.Next(180)),
                    kind,
                    text,
                    personas.Count > 0 ? [personas[random.Next(personas.Count)]] : [],
                    [stage.Id],
                    [],
                    kind == "support_ticket" ? $"ticket #{10000 + random.Next(90000)}" : null);
            }
        }
    }

    public static void WriteSurveysCsv(IEnumerable<SurveyResponse> responses, TextWriter writer)
    {
        writer.Write("timestamp,customer_id,touchpoint,stage,metric,score,comment\n");
        foreach (var r in responses)
        {
            writer.Write(string.Join(',',
                DateTimeOffset.FromUnixTimeMilliseconds(r.TimestampMicros / 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                r.CustomerId,
                r.Touchpoint,
                r.Stage,
                r.Metric.ToString().ToLowerInvariant(),
                r.Score.ToString(CultureInfo.InvariantCulture),
                Quote(r.Comment)));
            writer.Write('\n');
        }
    }

    public static void WriteInsightsCsv(IEnumerable<Insight> insights, TextWriter writer)
    {
        writer.Write("id,date,kind,text,personas,stages,touchpoints,source\n");
        foreach (var i in insights)
        {
            writer.Write(string.Join(',',
                i.Id,
                i.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                i.Kind,
                Quote(i.Text),
                string.Join(';', i.Personas),
                string.Join(';', i.Stages),
                string.Join(';', i.Touchpoints),
                Quote(i.Source)));
            writer.Write('\n');
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Quote(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder("\"");
        builder.Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        return builder.ToString();
    }
}

namespace Wayfinder.Evidence.SampleData;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>What <see cref="SampleDataWriter"/> wrote.</summary>
public sealed record SampleDataResult(string EventsFile, long Events, string SurveysFile, long Surveys, string InsightsFile, long Insights);

/// <summary>
/// Writes seeded sample data for a workspace's current-state journeys: <c>events.csv</c>, <c>surveys.csv</c> and
/// <c>insights.csv</c>. The same customers (same ids and attributes) walk every journey.
/// </summary>
public static class SampleDataWriter
{
    public static SampleDataResult Write(Workspace workspace, string folder, int customers, int seed, IProgress<long>? progress = null)
    {
        Directory.CreateDirectory(folder);
        var journeys = workspace.Journeys.Select(j => j.Document)
            .Where(j => j.State == JourneyState.Current && j.Subject is not { Kind: SubjectKind.Competitor })
            .Where(j => j.Lanes.Any(l => l.Type == LaneType.Touchpoints && l.Items.Any(i => i.Events.Count > 0)))
            .ToList();
        var competitors = workspace.Config.Competitors.Select(c => c.Name).ToList();
        var eventsFile = Path.Combine(folder, "events.csv");
        var surveysFile = Path.Combine(folder, "surveys.csv");
        var insightsFile = Path.Combine(folder, "insights.csv");
        long events = 0, surveys = 0, insights = 0;
        using (var eventWriter = new StreamWriter(eventsFile))
        using (var surveyWriter = new StreamWriter(surveysFile))
        {
            var surveyHeader = true;
            var eventHeader = true;
            for (var j = 0; j < journeys.Count; j++)
            {
                var journey = journeys[j];
                var generated = EventGenerator.Generate(journey, new GeneratorOptions { Customers = customers, Seed = seed + j }).ToList();
                events += Append(eventWriter, w => EventGenerator.WriteCsv(Report(generated, progress, events), w), ref eventHeader);
                var answers = FeedbackGenerator.Surveys(journey, generated, seed + j, competitors: competitors).ToList();
                surveys += answers.Count;
                Append(surveyWriter, w => { FeedbackGenerator.WriteSurveysCsv(answers, w); return answers.Count; }, ref surveyHeader);
            }
        }

        using (var insightWriter = new StreamWriter(insightsFile))
        {
            var all = journeys.SelectMany((journey, j) => FeedbackGenerator.Insights(journey, seed + j, journey.Personas)
                .Select(i => i with { Id = $"{journey.Id}-{i.Id}" })).ToList();
            FeedbackGenerator.WriteInsightsCsv(all, insightWriter);
            insights = all.Count;
        }

        return new SampleDataResult(eventsFile, events, surveysFile, surveys, insightsFile, insights);
    }

    /// <summary>Writes through a buffer so that only the first journey's header line reaches the file.</summary>
    private static long Append(StreamWriter writer, Func<TextWriter, long> write, ref bool header)
    {
        using var buffer = new StringWriter();
        var count = write(buffer);
        var text = buffer.ToString();
        if (!header)
        {
            text = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        }

        header = false;
        writer.Write(text);
        return count;
    }

    private static IEnumerable<GeneratedEvent> Report(IEnumerable<GeneratedEvent> events, IProgress<long>? progress, long before)
    {
        var count = before;
        foreach (var e in events)
        {
            if (++count % 50_000 == 0)
            {
                progress?.Report(count);
            }

            yield return e;
        }
    }
}

namespace Wayfinder.App.Analysis;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;

/// <summary>
/// A journey's analysis: the report, or why there is none — no journey of that id (<see cref="KnownJourneys"/> lists
/// those there are) or a cut that cannot be made (<see cref="Problem"/>, in plain words).
/// </summary>
public sealed record AnalysisResult
{
    public required Workspace Workspace { get; init; }
    public Journey? Journey { get; init; }
    public JourneyReport? Report { get; init; }

    /// <summary>False when no events were imported yet: the report then has no event data.</summary>
    public bool HasEvents { get; init; }
    public string? Problem { get; init; }

    /// <summary>What the user should know about the cut, in plain words (a persona that is not on the journey, a period without data).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> KnownJourneys { get; init; } = [];

    /// <summary>
    /// Where the cut's result files go below the journey's folder: empty for all data, else its parts joined by
    /// <c>_</c> — <c>persona-ID</c>, <c>channel-ID</c>, the period — e.g. <c>persona-maya_2026-Q2</c>.
    /// </summary>
    public string CutFolder { get; init; } = "";
}

/// <summary>What the data says: a journey's metrics on a cut with its trend, satisfaction and KPI actuals; the knowledge gaps of a workspace.</summary>
public sealed class AnalysisService
{
    /// <summary>Every metric of the journey on the cut the request names (persona, period, channel), with the trend.</summary>
    public async Task<AnalysisResult> AnalyzeAsync(WorkspaceStores workspace, string journeyId, AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var journey = loaded.FindJourney(journeyId);
        if (journey is null)
        {
            return new AnalysisResult { Workspace = loaded, KnownJourneys = [.. loaded.Journeys.Select(j => j.Document.Id)] };
        }

        var summary = await workspace.Events.SummaryAsync(cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        var problem = await CheckCutAsync(workspace, loaded, journey, summary, request, warnings, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return new AnalysisResult { Workspace = loaded, Journey = journey, HasEvents = summary.Imported, Problem = problem, Warnings = warnings };
        }

        request = request with { Period = request.Period?.Trim().ToUpperInvariant() };
        try
        {
            var report = await JourneyAnalysis.RunAsync(loaded, journey, workspace.Events, workspace.Feedback, request, cancellationToken).ConfigureAwait(false);
            return new AnalysisResult { Workspace = loaded, Journey = journey, Report = report, HasEvents = summary.Imported, Warnings = warnings, CutFolder = CutFolderOf(request) };
        }
        catch (ArgumentException ex)
        {
            // A persona without a segment: the user's to fix.
            return new AnalysisResult { Workspace = loaded, Journey = journey, HasEvents = summary.Imported, Problem = ex.Message, Warnings = warnings };
        }
    }

    /// <summary>The folder name of a cut (see <see cref="AnalysisResult.CutFolder"/>).</summary>
    public static string CutFolderOf(AnalysisRequest request)
    {
        var parts = new List<string>();
        if (request.PersonaId is { } persona)
        {
            parts.Add("persona-" + persona);
        }

        if (request.Channel is { } channel)
        {
            parts.Add("channel-" + channel);
        }

        if (request.Period is { } period)
        {
            parts.Add(period.Trim().ToUpperInvariant());
        }

        return string.Join("_", parts);
    }

    /// <summary>
    /// Why the cut cannot be made (an unknown persona, channel or period, with the closest known one), or null; a
    /// persona that is not on the journey and a period without events are only warnings.
    /// </summary>
    private static async Task<string?> CheckCutAsync(
        WorkspaceStores workspace, Workspace loaded, Journey journey, Evidence.Store.EventSummary summary, AnalysisRequest request, List<string> warnings, CancellationToken cancellationToken)
    {
        if (request.PersonaId is { } personaId)
        {
            var known = loaded.Personas.Select(p => p.Document.Id).ToList();
            if (loaded.FindPersona(personaId) is null)
            {
                return $"no persona '{personaId}' in the workspace; `wayfinder list` shows the ids{DidYouMean(personaId, known)}";
            }

            if (!journey.Personas.Contains(personaId, StringComparer.Ordinal))
            {
                var on = journey.Personas.Count == 0 ? "it names no personas" : $"its personas: {string.Join(", ", journey.Personas)}";
                warnings.Add($"persona '{personaId}' is not on journey '{journey.Id}' ({on}); the numbers are for its segment all the same");
            }
        }

        if (request.Channel is { } channel)
        {
            var mix = await workspace.Events.ChannelMixAsync(null, cancellationToken).ConfigureAwait(false);
            var known = loaded.Config.Channels.Select(c => c.Id)
                .Concat(mix.Channels.Select(c => c.Channel))
                .Concat(journey.Lanes.SelectMany(l => l.Items).Select(i => i.Channel).OfType<string>())
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (!known.Contains(channel, StringComparer.Ordinal))
            {
                return $"no channel '{channel}' in the workspace, the journey or the data{DidYouMean(channel, known)}; channels: {string.Join(", ", known)}";
            }
        }

        if (request.Period is { } period)
        {
            var months = summary.FromMicros is { } first && summary.ToMicros is { } last ? Periods.Covering(first, last, "month") : [];
            var data = months.Select(m => m[..4]).Distinct().Concat(months).Concat(Periods.Covering(summary.FromMicros ?? 0, summary.ToMicros ?? -1, "quarter")).ToList();
            if (Periods.Parse(period, out var malformed) is not { } range)
            {
                return malformed + DidYouMean(period, data);
            }

            if (summary.FromMicros is { } from && summary.ToMicros is { } to && (range.To <= from || range.From > to))
            {
                warnings.Add($"no events in {period.Trim().ToUpperInvariant()}: the data runs from {Day(from)} to {Day(to)}");
            }
        }

        return null;
    }

    private static string DidYouMean(string typed, IEnumerable<string> known) =>
        Levenshtein.Closest(typed, known) is { } close ? $"; did you mean \"{close}\"?" : "";

    private static string Day(long micros) => DateTime.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What the team does not know yet: every current journey's gaps (stages and touchpoints without events or answers,
    /// its personas' traits without evidence), then personas no journey uses and stale future maps, each gap once.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeGap>> GapsAsync(WorkspaceStores workspace, DateOnly today, CancellationToken cancellationToken = default)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var gaps = new List<KnowledgeGap>();
        foreach (var journey in loaded.Journeys.Select(j => j.Document).Where(j => j.State == JourneyState.Current))
        {
            var request = new AnalysisRequest { Today = today, TopVariants = 0, IncludeTrend = false };
            var report = await JourneyAnalysis.RunAsync(loaded, journey, workspace.Events, workspace.Feedback, request, cancellationToken).ConfigureAwait(false);
            gaps.AddRange(report.Gaps);
        }

        foreach (var persona in loaded.Personas.Select(p => p.Document))
        {
            gaps.AddRange(KnowledgeGaps.ForPersona(loaded, persona, today));
        }

        foreach (var journey in loaded.Journeys.Select(j => j.Document).Where(j => j.State == JourneyState.Future))
        {
            if (journey.Review is { } review && review.IsStale(today, loaded.Config.Defaults.ReviewCadenceDays))
            {
                gaps.Add(new KnowledgeGap("stale-journey", journey.Id, journey.Id, $"journey '{journey.Title}' is past its review"));
            }
        }

        return [.. gaps.Distinct()];
    }
}

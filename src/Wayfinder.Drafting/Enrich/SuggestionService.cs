namespace Wayfinder.Drafting.Enrich;

using System.Globalization;
using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Proposals that enrich an existing map from its data and research, listed, then applied one by one or all at once.
/// Listing writes nothing; applying recomputes the proposals, checks the map has not changed since they were listed,
/// validates the map with them as a file would be, and saves it once.
/// </summary>
public sealed class SuggestionService(SaveCheckService saveCheck)
{
    /// <summary>The proposals for a journey, numbered from 1 (kind, then stage order, then text); nothing is written.</summary>
    public async Task<SuggestResult> ProposeAsync(WorkspaceStores workspace, string journeyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.FindJourney(journeyId) is not { } journey)
        {
            return new SuggestResult(SuggestOutcome.NotFound, [], 0) { Known = [.. loaded.Journeys.Select(j => j.Document.Id)] };
        }

        var proposals = await ProposalsAsync(workspace, loaded, journey, cancellationToken).ConfigureAwait(false);
        return new SuggestResult(SuggestOutcome.Proposed, proposals, journey.Revision);
    }

    /// <summary>
    /// Applies the proposals numbered <paramref name="numbers"/> (null: all) to the journey, when it is still at
    /// <paramref name="expectedRevision"/> (null: whatever it is now), and saves it once, only if it validates.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(WorkspaceStores workspace, string journeyId, IReadOnlyCollection<int>? numbers, int? expectedRevision, string? author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.FindJourney(journeyId) is not { } journey)
        {
            return new ApplyResult(ApplyOutcome.NotFound);
        }

        if (expectedRevision is { } expected && expected != journey.Revision)
        {
            return new ApplyResult(ApplyOutcome.Changed);
        }

        var proposals = await ProposalsAsync(workspace, loaded, journey, cancellationToken).ConfigureAwait(false);
        var unknown = numbers is null ? [] : numbers.Where(n => n < 1 || n > proposals.Count).Distinct().Order().ToList();
        if (unknown.Count > 0)
        {
            return new ApplyResult(ApplyOutcome.UnknownNumber) { Unknown = unknown };
        }

        var chosen = numbers is null ? proposals : [.. numbers.Distinct().Order().Select(n => proposals[n - 1])];
        if (chosen.Count == 0)
        {
            return new ApplyResult(ApplyOutcome.Applied);
        }

        var updated = ProposalApplier.Apply(journey, chosen);
        var check = await saveCheck.CheckAsync(workspace.Documents, updated, cancellationToken).ConfigureAwait(false);
        if (!check.Allowed)
        {
            return new ApplyResult(ApplyOutcome.Invalid) { Applied = chosen, Diagnostics = check.Errors };
        }

        var message = $"applied proposal{(chosen.Count == 1 ? "" : "s")} {string.Join(", ", chosen.Select(p => p.Number.ToString(CultureInfo.InvariantCulture)))}";
        var saved = await workspace.Documents.SaveAsync(updated, journey.Revision, new SaveInfo(author, message), cancellationToken).ConfigureAwait(false);
        return saved.Succeeded
            ? new ApplyResult(ApplyOutcome.Applied) { Document = saved.Document, Applied = chosen, Diagnostics = check.Diagnostics }
            : new ApplyResult(ApplyOutcome.Changed);
    }

    /// <summary>Every proposal for the journey, without those the map already has, sorted and numbered.</summary>
    private static async Task<IReadOnlyList<Proposal>> ProposalsAsync(WorkspaceStores workspace, Workspace loaded, Journey journey, CancellationToken cancellationToken)
    {
        var defaults = loaded.Config.Defaults;
        var summary = await workspace.Events.SummaryAsync(cancellationToken).ConfigureAwait(false);
        var query = new MetricsQuery { Window = TimeSpan.FromDays(defaults.FunnelWindowDays), Inactivity = TimeSpan.FromDays(defaults.InactivityDays) };
        var metrics = summary.Imported ? await workspace.Events.AnalyzeAsync(journey, query, cancellationToken).ConfigureAwait(false) : null;
        var context = new EnrichContext(journey, loaded.Config, defaults, summary, metrics, query);

        var found = new List<Proposal>();
        if (metrics is not null)
        {
            found.AddRange(await EventProposals.TouchpointsAsync(context, workspace.Events, cancellationToken).ConfigureAwait(false));
        }

        var insights = await workspace.Feedback.InsightsAsync(new InsightQuery(), cancellationToken).ConfigureAwait(false);
        found.AddRange(ResearchProposals.FromInsights(context, insights));
        var surveys = await workspace.Feedback.SatisfactionAsync(journey, new SurveyQuery(), cancellationToken).ConfigureAwait(false);
        found.AddRange(ResearchProposals.FromSatisfaction(context, surveys));
        if (metrics is not null)
        {
            found.AddRange(EventProposals.StuckStages(context, metrics));
        }

        found.AddRange(EventProposals.Kpis(context, metrics));

        var stageOrder = journey.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return [.. found
            .Where(p => !context.Has(p))
            .OrderBy(p => p.Kind)
            .ThenBy(p => stageOrder.GetValueOrDefault(p.StageId, int.MaxValue))
            .ThenBy(p => p.Item.Text ?? p.Item.Metric, StringComparer.Ordinal)
            .Select((p, i) => p with { Number = i + 1 })];
    }
}

/// <summary>What every kind of proposal reads: the map, the workspace's settings, and the journey's metrics when there are events.</summary>
internal sealed record EnrichContext(Journey Journey, WorkspaceConfig Config, WorkspaceDefaults Defaults, EventSummary Summary, JourneyMetrics? Metrics, MetricsQuery Query)
{
    /// <summary>The map's touchpoints as the metrics see them (ids, stages), in lane and item order.</summary>
    public IReadOnlyList<(TouchpointInfo Touchpoint, LaneItem Item)> Touchpoints { get; } = JourneyMapping.TouchpointsOf(Journey);

    /// <summary>The smallest n a rate or a mean is trusted on (the workspace's small-sample threshold).</summary>
    public int MinimumSample => Defaults.SmallSampleSize;

    public Stage? StageOf(string id) => Journey.Stages.Find(s => s.Id == id);

    /// <summary>Whether the map already has this item: the same text, metric or event in the same stage and lane type.</summary>
    public bool Has(Proposal proposal)
    {
        var items = Journey.Lanes.Where(l => l.Type == proposal.Lane).SelectMany(l => l.Items).Where(i => i.Stage == proposal.StageId);
        var item = proposal.Item;
        return items.Any(i =>
            (item.Text is { } text && string.Equals(i.Text?.Trim(), text, StringComparison.OrdinalIgnoreCase))
            || (item.Metric is { } metric && string.Equals(i.Metric?.Replace(" ", "", StringComparison.Ordinal), metric.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal))
            || item.Events.Any(e => i.Events.Any(x => x.Name == e.Name)));
    }
}

/// <summary>Numbers and names as proposals write them.</summary>
internal static class Words
{
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Plural(long n, string word) => $"{Count(n)} {word}{(n == 1 ? "" : "s")}";

    /// <summary>A share as a whole percentage, halves rounded away from zero.</summary>
    public static string Percent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Quoted(string text) => $"“{text}”";
}

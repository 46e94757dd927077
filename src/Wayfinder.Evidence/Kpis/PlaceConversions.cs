namespace Wayfinder.Evidence.Kpis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Validation;
using Wayfinder.Evidence.Store;

/// <summary>
/// Conversions and times from one place of a journey to another where either is a touchpoint
/// (<c>conversion(tp-search -&gt; tp-book)</c>, <c>median_time(tp-enter -&gt; tp-bag-drop)</c>): the ordered funnel of a two-stage copy of the journey — stage one holds the first place's
/// touchpoints, stage two the second's, a third every other touchpoint (so each event is claimed exactly as on the
/// journey) — asked of the event store on the same cut, so a store answers it with the funnel query it already has.
/// </summary>
public static class PlaceConversions
{
    public static async Task<IReadOnlyList<PlaceConversion>> ComputeAsync(
        Journey journey, IReadOnlyList<KpiMetric> twoSteps, IEventStore events, MetricsQuery query, CancellationToken cancellationToken = default)
    {
        var results = new List<PlaceConversion>();
        foreach (var conversion in twoSteps)
        {
            if (TwoSteps(journey, conversion.From!, conversion.To!) is not { } copy)
            {
                continue;
            }

            if (results.Any(r => r.From == conversion.From!.ToString() && r.To == conversion.To!.ToString()))
            {
                continue; // a conversion and a time between the same places share one funnel
            }

            var metrics = await events.AnalyzeAsync(copy, query with { TopVariants = 0 }, cancellationToken).ConfigureAwait(false);
            results.Add(new PlaceConversion(conversion.From!.ToString(), conversion.To!.ToString(), metrics.Funnel[0].Customers, metrics.Funnel[1].Customers, metrics.Timings.FirstOrDefault()));
        }

        return results;
    }

    /// <summary>The two-stage copy, or null when a touchpoint belongs to both places (a touchpoint and its own stage).</summary>
    private static Journey? TwoSteps(Journey journey, KpiPlace from, KpiPlace to)
    {
        static bool In(LaneItem item, KpiPlace place) => place.Scope == KpiScope.Stage ? item.Stage == place.Id : item.Id == place.Id;
        const string First = "from", Second = "to", Rest = "other";
        var lanes = new List<Lane>();
        foreach (var lane in journey.Lanes.Where(l => l.Type == LaneType.Touchpoints))
        {
            var items = new List<LaneItem>();
            foreach (var item in lane.Items)
            {
                if (In(item, from) && In(item, to))
                {
                    return null;
                }

                items.Add(item with { Stage = In(item, from) ? First : In(item, to) ? Second : Rest });
            }

            lanes.Add(lane with { Items = items });
        }

        return journey with
        {
            Stages = [new Stage { Id = First, Name = from.ToString() }, new Stage { Id = Second, Name = to.ToString() }, new Stage { Id = Rest, Name = "other" }],
            Lanes = lanes,
        };
    }
}

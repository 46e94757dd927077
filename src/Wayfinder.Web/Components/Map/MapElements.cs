namespace Wayfinder.Web.Components.Map;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Store;

/// <summary>An element of a journey map a person can select: its id (as the renderer marks it), what it is, its words, its stage.</summary>
public sealed record MapElement(string Id, string Kind, string Label, string? StageId, LaneItem? Item);

/// <summary>A figure from the data about a selected element: “Reached”, “1,204 customers”.</summary>
public sealed record ElementFigure(string Name, string Value);

/// <summary>The elements of a journey map, and what the data says about one of them.</summary>
public static class MapElements
{
    /// <summary>Every selectable element in reading order: stages with their steps, then each lane and its cards.</summary>
    public static IReadOnlyList<MapElement> Of(Journey journey)
    {
        var list = new List<MapElement>();
        foreach (var stage in journey.Stages)
        {
            list.Add(new MapElement(stage.Id, "stage", stage.Name, stage.Id, null));
            list.AddRange(stage.Steps.Select(s => new MapElement(s.Id, "step", s.Name, stage.Id, null)));
        }

        foreach (var lane in journey.Lanes)
        {
            list.Add(new MapElement(lane.Id, "lane", lane.DisplayName(), null, null));
            var word = lane.KindOf().ItemWord;
            foreach (var item in lane.Items.Where(i => !string.IsNullOrEmpty(i.Id)))
            {
                var label = item.Text ?? item.Metric ?? item.Alt ?? item.Persona ?? item.Channel
                    ?? (item.Score is { } score ? score.ToString("+0.#;−0.#;0", CultureInfo.InvariantCulture) : item.Id!);
                list.Add(new MapElement(item.Id!, word, label, item.Stage, item));
            }
        }

        return list;
    }

    /// <summary>What the data says about the element: a stage's funnel and satisfaction, a touchpoint's stranded customers and survey answers, a KPI's actual.</summary>
    public static IReadOnlyList<ElementFigure> Figures(MapElement element, JourneyReport? report)
    {
        if (report is null)
        {
            return [];
        }

        var figures = new List<ElementFigure>();
        if (element.Kind == "stage")
        {
            if (report.Metrics.Funnel.FirstOrDefault(f => f.StageId == element.Id) is { } step)
            {
                figures.Add(new("Reached", $"{N(step.Customers)} customers"));
                figures.Add(new("Of the funnel's start", Percent(step.ConversionFromStart)));
                figures.Add(new("Dropped off after", $"{N(step.DropOff)} customers"));
            }

            AddSatisfaction(figures, report.StageSatisfaction.FirstOrDefault(s => s.Id == element.Id));
        }
        else if (element.Item is { } item)
        {
            if (report.Metrics.Stranded.FirstOrDefault(s => s.TouchpointId == element.Id) is { } stranded)
            {
                figures.Add(new("Reached", $"{N(stranded.Reached)} customers"));
                figures.Add(new("Stranded here", $"{N(stranded.Stranded)} ({Percent(stranded.ExitRate)} exit){(stranded.SmallSample ? ", small sample" : "")}"));
            }

            AddSatisfaction(figures, report.TouchpointSatisfaction.FirstOrDefault(s => s.Id == element.Id));
            if (item.Metric is { } metric && report.Kpis.FirstOrDefault(k => k.StageId == item.Stage && k.Metric == metric) is { } kpi)
            {
                figures.Add(kpi.Problem is { } problem
                    ? new("Actual", $"no data: {problem}")
                    : new("Actual", $"{kpi.ActualText}{(kpi.Target is { } target ? $" (target {target})" : "")}{(kpi.SampleSize is { } n ? $", n={N(n)}" : "")}"));
            }
        }

        return figures;
    }

    /// <summary>The periods the evidence covers, for the period cut: each year, then each quarter, newest first.</summary>
    public static IReadOnlyList<string> Periods(EventSummary summary)
    {
        if (summary.FromMicros is not { } from || summary.ToMicros is not { } to || to < from)
        {
            return [];
        }

        var first = DateTime.UnixEpoch.AddTicks(from * 10);
        var last = DateTime.UnixEpoch.AddTicks(to * 10);
        var years = Enumerable.Range(first.Year, last.Year - first.Year + 1).Reverse().Select(y => y.ToString(CultureInfo.InvariantCulture));
        var quarters = new List<string>();
        for (var (y, q) = (last.Year, ((last.Month - 1) / 3) + 1); y > first.Year || (y == first.Year && q >= ((first.Month - 1) / 3) + 1); (y, q) = q == 1 ? (y - 1, 4) : (y, q - 1))
        {
            quarters.Add($"{y}-Q{q}");
        }

        return [.. years, .. quarters];
    }

    private static void AddSatisfaction(List<ElementFigure> figures, SatisfactionRow? row)
    {
        if (row is null)
        {
            return;
        }

        figures.Add(new("Survey answers", N(row.Responses)));
        if (row.Csat is { } csat)
        {
            figures.Add(new("CSAT", $"{csat.ToString("0.0", CultureInfo.InvariantCulture)} (n={N(row.CsatCount)})"));
        }

        if (row.Ces is { } ces)
        {
            figures.Add(new("CES", $"{ces.ToString("0.0", CultureInfo.InvariantCulture)} (n={N(row.CesCount)})"));
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

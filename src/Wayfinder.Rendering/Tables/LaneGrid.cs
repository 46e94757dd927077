namespace Wayfinder.Rendering.Tables;

using System.Globalization;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>The rows of the three tables, as plain values (strings, numbers, nulls) shared by CSV and Excel.</summary>
internal static class LaneGrid
{
    public static readonly string[] ItemColumns =
    [
        "journey_id", "lane_id", "lane", "lane_type", "stage_id", "stage", "step_id", "step", "item_id", "text",
        "channel_id", "channel", "owner", "events", "score", "metric", "target", "actual", "status",
        "opportunity_status", "customer_value", "business_value", "effort", "addresses", "persona_id", "persona", "src", "alt",
        "evidence", "evidence_grade",
    ];

    public static readonly string[] StageColumns = ["journey_id", "stage_id", "stage", "goal", "description", "steps", "loops_to", "sub_journey"];

    private sealed record Column(string Header, string Stage, string? Step);

    public static IEnumerable<IReadOnlyList<object?>> Map(Journey journey, Workspace workspace)
    {
        var columns = Columns(journey);
        yield return ["lane", .. columns.Select(c => c.Header)];
        foreach (var lane in journey.Lanes)
        {
            var cells = new List<object>[columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = [];
            }

            foreach (var item in lane.Items)
            {
                var column = ColumnOf(journey, columns, item);
                if (column >= 0)
                {
                    cells[column].Add(LaneKinds.Of(lane.Type).HasScore && item.Score is { } score ? score : Card(lane.Type, item, workspace));
                }
            }

            // A lone emotion score stays a number, so the workbook stores it as one; the CSV writes it the same either way.
            yield return [LaneName(lane), .. cells.Select(c => c.Count switch { 0 => null, 1 => c[0], _ => string.Join('\n', c.Select(Workbook.Display)) })];
        }
    }

    public static IEnumerable<IReadOnlyList<object?>> Items(Journey journey, Workspace workspace)
    {
        yield return ItemColumns;
        var stageOrder = journey.Stages.Select((s, i) => (s.Id, i)).DistinctBy(s => s.Id).ToDictionary(s => s.Id, s => s.i, StringComparer.Ordinal);
        foreach (var lane in journey.Lanes)
        {
            var ordered = lane.Items.OrderBy(i => stageOrder.GetValueOrDefault(i.Stage, int.MaxValue))
                .ThenBy(i => StepIndex(journey, i));
            foreach (var item in ordered)
            {
                var stage = journey.Stages.Find(s => s.Id == item.Stage);
                var step = stage?.Steps.Find(s => s.Id == item.Step);
                yield return
                [
                    journey.Id, lane.Id, LaneName(lane), LaneKinds.Of(lane.Type).Id, item.Stage, stage?.Name, item.Step, step?.Name, item.Id, item.Text,
                    item.Channel, item.Channel is null ? null : ChannelName(item.Channel, workspace), item.Owner,
                    Lines(item.Events.Select(e => e.Where is null ? e.Name : $"{e.Name} where {e.Where}")), item.Score,
                    item.Metric, KpiValue(item.Target), KpiValue(item.Actual), item.Status is { } status ? Snake(status) : null,
                    item.OpportunityStatus is { } os ? Snake(os) : null, item.CustomerValue, item.BusinessValue, item.Effort,
                    Lines(item.Addresses), item.Persona, item.Persona is null ? null : workspace.FindPersona(item.Persona)?.Name,
                    item.Src, item.Alt, Lines(item.Evidence),
                    Snake(EvidenceGrading.Grade(item.Evidence, journey.Evidence, workspace.Config.Evidence)),
                ];
            }
        }
    }

    public static IEnumerable<IReadOnlyList<object?>> Stages(Journey journey)
    {
        yield return StageColumns;
        foreach (var stage in journey.Stages)
        {
            yield return [journey.Id, stage.Id, stage.Name, stage.Goal, stage.Description, Lines(stage.Steps.Select(s => s.Name)), stage.LoopsTo, stage.SubJourney];
        }
    }

    /// <summary>The text of one card in a grid cell, by lane type.</summary>
    internal static string Card(LaneType type, LaneItem item, Workspace workspace)
    {
        var kind = LaneKinds.Of(type);
        if (kind.HasChannel && item.Channel is not null)
        {
            var channel = $"[{ChannelName(item.Channel, workspace)}]";
            return item.Text is null ? channel : $"{item.Text} {channel}";
        }

        if (kind.HasScore && item.Score is { } score)
        {
            return score.ToString(CultureInfo.InvariantCulture);
        }

        if (kind.HasKpi && (item.Metric is not null || item.Actual is not null || item.Target is not null))
        {
            var kpi = $"{item.Metric ?? item.Text}: {item.Actual ?? "?"} / {item.Target ?? "?"}";
            return item.Status is { } status ? $"{kpi} ({Words(status)})" : kpi;
        }

        if (kind.HasOpportunity)
        {
            List<string> inputs = [];
            AddInput(inputs, "customer value", item.CustomerValue);
            AddInput(inputs, "business value", item.BusinessValue);
            AddInput(inputs, "effort", item.Effort);
            if (item.OpportunityStatus is { } opportunityStatus)
            {
                inputs.Add(Words(opportunityStatus));
            }

            return inputs.Count == 0 ? item.Text ?? "" : $"{item.Text} ({string.Join(", ", inputs)})".TrimStart();
        }

        if (kind.HasPersona && item.Persona is not null)
        {
            var persona = workspace.FindPersona(item.Persona)?.Name ?? item.Persona;
            return item.Text is null ? persona : $"{item.Text} [{persona}]";
        }

        return kind.HasImage ? item.Alt ?? item.Text ?? item.Src ?? "" : item.Text ?? "";
    }

    /// <summary>
    /// A KPI target or actual as a number with a format that shows it as written: <c>&gt;= 80%</c> is 0.8 shown
    /// <c>"&gt;= "0.0%</c>, <c>3 days</c> is 3 shown <c>General" days"</c>. A range or text that is no target stays text.
    /// </summary>
    internal static object? KpiValue(string? written)
    {
        if (written is null || KpiTarget.Parse(written).Target is not { Upper: null } target)
        {
            return written;
        }

        var prefix = target.Comparator is { } comparator ? $"\"{comparator} \"" : "";
        return target.Measure.Kind switch
        {
            KpiUnitKind.Percent => new Formatted(target.Value / 100, prefix + Formatted.Percent, written),
            _ when target.Unit is { } unit => new Formatted(target.Value, UnitFormat(prefix, unit), written),
            _ => new Formatted(target.Value, prefix + "General", written),
        };
    }

    /// <summary>A number format showing the number after <paramref name="prefix"/> and before its unit: <c>General" days"</c>.</summary>
    internal static string UnitFormat(string prefix, string unit) => $"{prefix}General\" {unit.Replace("\"", "", StringComparison.Ordinal)}\"";

    private static void AddInput(List<string> inputs, string name, int? value)
    {
        if (value is { } v)
        {
            inputs.Add($"{name} {v.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static List<Column> Columns(Journey journey)
    {
        var columns = new List<Column>();
        foreach (var stage in journey.Stages)
        {
            var onStage = stage.Steps.Count == 0 || journey.Lanes.SelectMany(l => l.Items)
                .Any(i => i.Stage == stage.Id && (i.Step is null || !stage.Steps.Exists(s => s.Id == i.Step)));
            if (onStage)
            {
                columns.Add(new Column(stage.Name, stage.Id, null));
            }

            columns.AddRange(stage.Steps.Select(step => new Column($"{stage.Name} / {step.Name}", stage.Id, step.Id)));
        }

        return columns;
    }

    private static int ColumnOf(Journey journey, List<Column> columns, LaneItem item)
    {
        var stage = journey.Stages.Find(s => s.Id == item.Stage);
        if (stage is null)
        {
            return -1;
        }

        var step = stage.Steps.Exists(s => s.Id == item.Step) ? item.Step : null;
        return columns.FindIndex(c => c.Stage == stage.Id && c.Step == step);
    }

    private static int StepIndex(Journey journey, LaneItem item)
    {
        var stage = journey.Stages.Find(s => s.Id == item.Stage);
        return stage?.Steps.FindIndex(s => s.Id == item.Step) ?? -1;
    }

    private static string LaneName(Lane lane) => lane.DisplayName();

    private static string ChannelName(string id, Workspace workspace) =>
        workspace.Config.Channels.Find(c => c.Id == id)?.Name ?? id;

    private static string? Lines(IEnumerable<string> values)
    {
        var text = string.Join('\n', values);
        return text.Length == 0 ? null : text;
    }

    private static string Snake<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Words<T>(T value)
        where T : struct, Enum => Snake(value).Replace('_', ' ');
}

namespace Wayfinder.Rendering.Tables;

using System.Text.Json;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Validation;

/// <summary>The cut an analysis was made on: a persona's segment, a channel, a period; null where not cut.</summary>
public sealed record AnalysisCut(string? Persona = null, string? Channel = null, string? Period = null);

/// <summary>One table of an analysis: its sheet name, its CSV file name and its rows (the first is the header).</summary>
internal sealed record AnalysisTable(string Sheet, string File, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Everything a <see cref="JourneyReport"/> holds as tidy tables — summary, funnel, reach, timings, paths, flow,
/// satisfaction, KPIs, stranded, endpoints, channels, emotion, trend, gaps, persona checks — each row starting with
/// the journey id and the cut (<c>journey_id, cut_persona, cut_channel, cut_period</c>: what
/// <c>--persona</c>, <c>--channel</c> and <c>--period</c> named, empty when not cut). As one workbook (a sheet per table) or as
/// one CSV per table. Numbers are numbers: shares as 0–1 (shown as <c>0.0%</c> in the workbook), times in seconds.
/// See README.md beside this file.
/// </summary>
public static class AnalysisTables
{
    /// <summary>The sheet names of <see cref="WriteXlsx"/>, in order.</summary>
    public static IReadOnlyList<string> SheetNames { get; } =
        ["Summary", "Funnel", "Reach", "Timings", "Paths", "Flow", "Satisfaction", "KPIs", "Stranded", "Endpoints", "Channels", "Emotion", "Trend", "Gaps", "Persona checks"];

    /// <summary>The CSV file names of <see cref="ToCsvFiles"/>, in the order of <see cref="SheetNames"/>.</summary>
    public static IReadOnlyList<string> CsvNames { get; } =
        ["summary.csv", "funnel.csv", "reach.csv", "timings.csv", "paths.csv", "flow.csv", "satisfaction.csv", "kpis.csv", "stranded.csv", "endpoints.csv", "channels.csv", "emotion.csv", "trend.csv", "gaps.csv", "persona-checks.csv"];

    /// <summary>Writes the tables as the sheets of one workbook (<see cref="SheetNames"/>).</summary>
    public static void WriteXlsx(JourneyReport report, AnalysisCut cut, DateOnly analysedOn, Stream output) =>
        Workbook.Write(Tables(report, cut, analysedOn).Select(t => new Sheet(t.Sheet, t.Rows)), output);

    /// <summary>The tables as CSV files: (file name, text), in the order of <see cref="CsvNames"/>.</summary>
    public static IEnumerable<(string Name, string Csv)> ToCsvFiles(JourneyReport report, AnalysisCut cut, DateOnly analysedOn) =>
        Tables(report, cut, analysedOn).Select(t => (t.File, Csv.Write(t.Rows)));

    internal static IEnumerable<AnalysisTable> Tables(JourneyReport report, AnalysisCut cut, DateOnly analysedOn)
    {
        var m = report.Metrics;
        object?[] by = [report.JourneyId, cut.Persona, cut.Channel, cut.Period];
        string[] key = ["journey_id", "cut_persona", "cut_channel", "cut_period"];

        AnalysisTable Table(int index, string[] header, IEnumerable<object?[]> rows) =>
            new(SheetNames[index], CsvNames[index], [[.. key, .. header], .. rows.Select(r => (IReadOnlyList<object?>)[.. by, .. r])]);

        yield return Table(0, ["customers", "mapped_events", "unmapped_events", "small_sample_size", "analysed_on"],
            [[m.Customers, m.MappedEvents, m.UnmappedEvents, report.SmallSampleSize, analysedOn]]);
        yield return Table(1, ["position", "stage_id", "stage", "customers", "conversion", "sample_size", "small_sample", "conversion_from_start", "drop_off"],
            m.Funnel.Select((f, i) => new object?[] { i + 1, f.StageId, f.StageName, f.Customers, Formatted.Share(f.Conversion), f.SampleSize, f.SmallSample, Formatted.Share(f.ConversionFromStart), f.DropOff }));
        yield return Table(2, ["scope", "id", "name", "stage_id", "customers", "events"],
            m.StageReach.Select(r => Reach("stage", r)).Concat(m.TouchpointReach.Select(r => Reach("touchpoint", r))));
        yield return Table(3, ["span", "from_stage", "to_stage", "customers", "median_seconds", "p90_seconds"],
            m.Timings.Select(t => Timing("next", t)).Concat(m.SpanTimings.Select(t => Timing("longer", t))));
        yield return Table(4, ["rank", "path", "touchpoints", "customers", "share"],
            m.Variants.Select((v, i) => new object?[] { i + 1, string.Join(" → ", v.Touchpoints), v.Touchpoints.Count, v.Customers, Formatted.Share(v.Share) }));
        yield return Table(5, ["from", "to", "count", "median_seconds"],
            m.Flow.Select(f => new object?[] { f.From, f.To, f.Count, f.MedianSeconds }));
        yield return Table(6, ["scope", "id", "stage_id", "responses", "small_sample", "csat", "csat_count", "ces", "ces_count", "nps", "nps_count", "sentiment", "comments", "emotion"],
            report.StageSatisfaction.Concat(report.TouchpointSatisfaction).Select(s => new object?[]
            {
                s.Scope, s.Id, s.StageId, s.Responses, s.SmallSample, s.Csat, s.CsatCount, s.Ces, s.CesCount, s.Nps, s.NpsCount, s.Sentiment, s.Comments, s.Emotion,
            }));
        yield return Table(7, ["stage_id", "metric", "definition", "target", "actual", "sample_size", "small_sample", "status", "problem"],
            report.Kpis.Select(k => new object?[]
            {
                k.StageId, k.Metric, k.Definition, LaneGrid.KpiValue(k.Target), Actual(k), k.SampleSize, k.SmallSample,
                k.Status is { } status ? JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()) : null, k.Problem,
            }));
        yield return Table(8, ["touchpoint_id", "stage_id", "stranded", "reached", "exit_rate", "small_sample"],
            m.Stranded.Select(s => new object?[] { s.TouchpointId, s.StageId, s.Stranded, s.Reached, Formatted.Share(s.ExitRate), s.SmallSample }));
        yield return Table(9, ["touchpoint_id", "starts", "ends"], m.Endpoints.Select(e => new object?[] { e.TouchpointId, e.Starts, e.Ends }));
        yield return Table(10, ["stage_id", "channel", "events", "share"],
            m.ChannelMix.Select(c => new object?[] { c.StageId, c.Channel, c.Events, Formatted.Share(c.Share) }));
        yield return Table(11, ["stage_id", "score", "sample_size", "small_sample"],
            report.MeasuredEmotion.Select(e => new object?[] { e.StageId, e.Score, e.SampleSize, e.SmallSample }));
        yield return Table(12, ["period", "stage_id", "customers", "conversion", "change", "sample_size", "small_sample"],
            report.Trend.Select(t => new object?[] { t.Period, t.StageId, t.Customers, Formatted.Share(t.Conversion), t.Change is { } c ? new Formatted(c, "+0.0%;-0.0%;0.0%") : null, t.SampleSize, t.SmallSample }));
        yield return Table(13, ["kind", "document_id", "target", "message"], report.Gaps.Select(g => new object?[] { g.Kind, g.DocumentId, g.Target, g.Message }));
        yield return Table(14, ["persona_id", "aspect", "message"], report.PersonaChecks.Select(p => new object?[] { p.PersonaId, p.Aspect, p.Message }));
    }

    private static object?[] Reach(string scope, ReachRow r) => [scope, r.Id, r.Name, r.StageId, r.Customers, r.Events];

    private static object?[] Timing(string span, StageTiming t) => [span, t.FromStage, t.ToStage, t.Customers, t.MedianSeconds, t.P90Seconds];

    /// <summary>
    /// The actual as a number in the target's unit, shown with it: a percentage (0–100 in the report) as a share shown
    /// as <c>0.0%</c>, a duration as <c>2.5 days</c>.
    /// </summary>
    private static object? Actual(KpiResult kpi)
    {
        if (kpi.Actual is not { } actual)
        {
            return null;
        }

        var target = kpi.Target is null ? null : KpiTarget.Parse(kpi.Target).Target;
        return target switch
        {
            { Measure.Kind: KpiUnitKind.Percent } => new Formatted(actual / 100, Formatted.Percent),
            { Unit: { } unit } => new Formatted(actual, LaneGrid.UnitFormat("", unit)),
            _ => actual,
        };
    }
}

namespace Wayfinder.Evidence.Kpis;

using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Validation;

/// <summary>
/// Computes a KPI's actual value from the journey's metrics and sets its status against the target.
/// Metrics: <c>conversion(stage)</c>, <c>conversion(a -> b)</c>, <c>reach(stage: x)</c>, <c>reach(touchpoint: x)</c>,
/// <c>drop_off(stage)</c>, <c>drop_off_rate(stage)</c>, <c>exit_rate(touchpoint: x)</c>, <c>stranded(touchpoint: x)</c>,
/// <c>median_time(a -> b)</c>, <c>p90_time(a -> b)</c>, <c>nps|csat|ces|sentiment|emotion(stage: x | touchpoint: x)</c>,
/// <c>customers()</c>. Targets follow <see cref="KpiTarget"/> (the validator's grammar); a metric measures units of
/// <see cref="KpiUnitKind.Percent"/>, <see cref="KpiUnitKind.Duration"/> or none, and says when a target's unit does not fit it.
/// Status: meets when the comparison holds; exceeds when it holds by more than 10% of the target; else does not meet.
/// </summary>
public static partial class KpiEvaluator
{
    /// <summary>How far past the target counts as exceeding it, as a share of the target.</summary>
    public const double ExceedMargin = 0.10;

    public static KpiResult Evaluate(string stageId, string metric, string? target, JourneyMetrics metrics, IReadOnlyList<SatisfactionRow> satisfaction)
    {
        var (value, kind, problem) = Actual(metric, metrics, satisfaction);
        if (value is null)
        {
            return new KpiResult(stageId, metric, target, null, "no data", null, problem);
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return new KpiResult(stageId, metric, target, value, Format(value.Value, kind, null), null, null);
        }

        // One grammar for targets: the validator's (Core), so what validate accepts, analyze reads.
        if (KpiTarget.Parse(target).Target is not { } parsed)
        {
            return new KpiResult(stageId, metric, target, value, Format(value.Value, kind, null), null,
                $"target '{target}' is not like '>= 40%', '<= 2 days', '30' or '40..60%'");
        }

        var unit = parsed.Measure;
        if (kind == Kind.Count && unit.Kind == KpiUnitKind.Percent)
        {
            // A count of customers against a percentage: the share of the journey's customers (in the cut).
            if (metrics.Customers == 0)
            {
                return new KpiResult(stageId, metric, target, null, "no data", null, "no customers in this cut, so no share");
            }

            (value, kind) = ((double)value.Value / metrics.Customers, Kind.Fraction);
        }

        var actual = Convert(value.Value, kind, unit);
        if (actual is null)
        {
            return new KpiResult(stageId, metric, target, value, Format(value.Value, kind, null), null,
                $"the target's unit '{parsed.Unit}' does not fit {metric}, which is {Describe(kind)}");
        }

        return new KpiResult(stageId, metric, target, Math.Round(actual.Value, 6), Format(value.Value, kind, unit), Status(actual.Value, parsed), null);
    }

    /// <summary>Evaluates every KPI item of the journey's KPI lanes.</summary>
    public static IReadOnlyList<KpiResult> EvaluateAll(Journey journey, JourneyMetrics metrics, IReadOnlyList<SatisfactionRow> satisfaction) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Kpis)
            .SelectMany(l => l.Items)
            .Where(i => !string.IsNullOrWhiteSpace(i.Metric))
            .Select(i => Evaluate(i.Stage, i.Metric!, i.Target, metrics, satisfaction))];

    private enum Kind
    {
        Fraction,
        Count,
        Seconds,
        Score,
    }

    private static (double? Value, Kind Kind, string? Problem) Actual(string metric, JourneyMetrics m, IReadOnlyList<SatisfactionRow> satisfaction)
    {
        var match = MetricPattern().Match(metric.Trim());
        if (!match.Success)
        {
            return (null, Kind.Count, $"'{metric}' is not a metric expression such as conversion(purchase) or nps(stage: board)");
        }

        var name = match.Groups["name"].Value.ToLowerInvariant();
        var argument = match.Groups["arg"].Value.Trim();
        var scope = "stage";
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            scope = argument[..colon].Trim().ToLowerInvariant();
            argument = argument[(colon + 1)..].Trim();
        }

        var arrow = argument.Split("->", StringSplitOptions.TrimEntries);
        FunnelStep? Step(string id) => m.Funnel.FirstOrDefault(f => f.StageId == id);
        switch (name)
        {
            case "customers":
                return (m.Customers, Kind.Count, null);
            case "conversion" when arrow.Length == 2:
                {
                    var (a, b) = (Step(arrow[0]), Step(arrow[1]));
                    return a is null || b is null ? Unknown("stage", a is null ? arrow[0] : arrow[1]) : (a.Customers == 0 ? 0 : (double)b.Customers / a.Customers, Kind.Fraction, null);
                }

            case "conversion":
                return Step(argument) is { } step ? (step.Conversion, Kind.Fraction, null) : Unknown("stage", argument);
            case "drop_off":
                return Step(argument) is { } d ? (d.DropOff, Kind.Count, null) : Unknown("stage", argument);
            case "drop_off_rate":
                return Step(argument) is { } r ? (r.Customers == 0 ? 0 : (double)r.DropOff / r.Customers, Kind.Fraction, null) : Unknown("stage", argument);
            case "reach":
                {
                    var rows = scope == "touchpoint" ? m.TouchpointReach : m.StageReach;
                    return rows.FirstOrDefault(r => r.Id == argument) is { } row ? (row.Customers, Kind.Count, null) : Unknown(scope, argument);
                }

            case "exit_rate" or "stranded":
                return m.Stranded.FirstOrDefault(s => s.TouchpointId == argument) is { } s
                    ? (name == "stranded" ? s.Stranded : s.ExitRate, name == "stranded" ? Kind.Count : Kind.Fraction, null)
                    : Unknown("touchpoint", argument);
            case "median_time" or "p90_time" when arrow.Length == 2:
                {
                    var from = m.Funnel.Select((f, i) => (f.StageId, i)).FirstOrDefault(x => x.StageId == arrow[0]);
                    var to = m.Funnel.Select((f, i) => (f.StageId, i)).FirstOrDefault(x => x.StageId == arrow[1]);
                    if (from.StageId is null || to.StageId is null)
                    {
                        return Unknown("stage", from.StageId is null ? arrow[0] : arrow[1]);
                    }

                    if (to.i <= from.i)
                    {
                        return (null, Kind.Seconds, $"{name} measures forward in the journey; {arrow[1]} comes before {arrow[0]}");
                    }

                    var timing = to.i == from.i + 1 ? m.Timings[from.i] : m.SpanTimings.FirstOrDefault(t => t.FromStage == arrow[0] && t.ToStage == arrow[1]);
                    if (timing is null)
                    {
                        return (null, Kind.Seconds, $"no customer went from {arrow[0]} to {arrow[1]}");
                    }

                    var seconds = name == "median_time" ? timing.MedianSeconds : timing.P90Seconds;
                    return (seconds, Kind.Seconds, seconds is null ? "no customer went from one stage to the other" : null);
                }

            case "nps" or "csat" or "ces" or "sentiment" or "emotion":
                {
                    var row = satisfaction.FirstOrDefault(r => r.Scope == scope && r.Id == argument);
                    if (row is null)
                    {
                        return Unknown(scope, argument);
                    }

                    double? value = name switch
                    {
                        "nps" => row.Nps,
                        "csat" => row.Csat,
                        "ces" => row.Ces,
                        "sentiment" => row.Sentiment,
                        _ => row.Emotion,
                    };
                    return (value, Kind.Score, value is null ? $"no {name} answers for {scope} {argument}" : null);
                }

            default:
                return (null, Kind.Count, $"unknown metric '{name}'; use conversion, reach, drop_off, drop_off_rate, exit_rate, stranded, median_time, p90_time, nps, csat, ces, sentiment, emotion or customers");
        }
    }

    private static (double?, Kind, string?) Unknown(string scope, string id) => (null, Kind.Count, $"no {scope} '{id}' in this journey's data");

    private static double? Convert(double value, Kind kind, KpiUnit unit) => (kind, unit.Kind) switch
    {
        (Kind.Fraction, KpiUnitKind.Percent) => value * 100,
        (Kind.Fraction, KpiUnitKind.Plain) => value,
        (Kind.Seconds, KpiUnitKind.Plain) => value,
        (Kind.Seconds, KpiUnitKind.Duration) => value / unit.Seconds,
        (Kind.Count or Kind.Score, KpiUnitKind.Plain) => value,
        (Kind.Score, KpiUnitKind.Percent) => value,
        _ => null,
    };

    private static KpiStatus Status(double actual, KpiTarget target)
    {
        var margin = Math.Abs(target.Value) * ExceedMargin;
        return target.Comparison switch
        {
            ">=" => actual >= target.Value ? (actual > target.Value + margin ? KpiStatus.Exceeds : KpiStatus.Meets) : KpiStatus.DoesNotMeet,
            ">" => actual > target.Value ? (actual > target.Value + margin ? KpiStatus.Exceeds : KpiStatus.Meets) : KpiStatus.DoesNotMeet,
            "<=" => actual <= target.Value ? (actual < target.Value - margin ? KpiStatus.Exceeds : KpiStatus.Meets) : KpiStatus.DoesNotMeet,
            "<" => actual < target.Value ? (actual < target.Value - margin ? KpiStatus.Exceeds : KpiStatus.Meets) : KpiStatus.DoesNotMeet,
            "=" => Math.Abs(actual - target.Value) < 1e-9 ? KpiStatus.Meets : KpiStatus.DoesNotMeet,
            _ => actual >= target.Value && actual <= target.Upper ? KpiStatus.Meets : KpiStatus.DoesNotMeet,
        };
    }

    private static string Format(double value, Kind kind, KpiUnit? measure)
    {
        var shown = measure is null ? value : Convert(value, kind, measure) ?? value;
        var unit = measure?.Canonical;
        return (kind, unit) switch
        {
            (Kind.Fraction, "%" or null) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
            (Kind.Seconds, "days" or "weeks" or "h" or "min") => shown.ToString("0.##", CultureInfo.InvariantCulture) + " " + unit,
            (Kind.Seconds, _) => Humanize(value),
            _ => shown.ToString("0.##", CultureInfo.InvariantCulture),
        };
    }

    private static string Humanize(double seconds) => seconds switch
    {
        >= 86400 => (seconds / 86400).ToString("0.#", CultureInfo.InvariantCulture) + " days",
        >= 3600 => (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h",
        >= 60 => (seconds / 60).ToString("0.#", CultureInfo.InvariantCulture) + " min",
        _ => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s",
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Fraction => "a share (use % or none)",
        Kind.Seconds => "a duration (use s, min, h, days or weeks)",
        Kind.Count => "a count",
        _ => "a score",
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?<arg>[^()]*)\)$")]
    private static partial Regex MetricPattern();
}

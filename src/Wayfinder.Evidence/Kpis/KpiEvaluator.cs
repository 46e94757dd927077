namespace Wayfinder.Evidence.Kpis;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Validation;

/// <summary>
/// Computes a KPI's actual value from the journey's metrics and sets its status against the target. The metric
/// grammar is <see cref="KpiMetric"/> (the validator's); conversions that start or end at a touchpoint come from
/// <see cref="PlaceConversions"/>. Each result says what it measured (<see cref="KpiResult.Definition"/>) and out of
/// how many (<see cref="KpiResult.SampleSize"/>). Targets follow <see cref="KpiTarget"/>; a metric measures units of
/// <see cref="KpiUnitKind.Percent"/>, <see cref="KpiUnitKind.Duration"/> or none, and says when a target's unit does not fit it.
/// Status: meets when the comparison holds; exceeds when it holds by more than 10% of the target; else does not meet.
/// </summary>
public static class KpiEvaluator
{
    /// <summary>How far past the target counts as exceeding it, as a share of the target.</summary>
    public const double ExceedMargin = 0.10;

    public static KpiResult Evaluate(
        string stageId, string metric, string? target, JourneyMetrics metrics, IReadOnlyList<SatisfactionRow> satisfaction, IReadOnlyList<PlaceConversion>? conversions = null)
    {
        var (value, kind, problem, definition, n) = Actual(metric, metrics, satisfaction, conversions ?? []);
        KpiResult Result(double? actual, string text, KpiStatus? status, string? why) =>
            new(stageId, metric, target, actual, text, status, why) { Definition = definition, SampleSize = n };
        if (value is null)
        {
            return Result(null, "no data", null, problem);
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return Result(value, Format(value.Value, kind, null), null, null);
        }

        // One grammar for targets: the validator's (Core), so what validate accepts, analyze reads.
        if (KpiTarget.Parse(target).Target is not { } parsed)
        {
            return Result(value, Format(value.Value, kind, null), null, $"target '{target}' is not like '>= 40%', '<= 2 days', '30' or '40..60%'");
        }

        var unit = parsed.Measure;
        if (kind == Kind.Count && unit.Kind == KpiUnitKind.Percent)
        {
            // A count of customers against a percentage: the share of the journey's customers (in the cut).
            if (metrics.Customers == 0)
            {
                return Result(null, "no data", null, "no customers in this cut, so no share");
            }

            (value, kind, n) = ((double)value.Value / metrics.Customers, Kind.Fraction, metrics.Customers);
            definition += $" ÷ all {metrics.Customers.ToString(CultureInfo.InvariantCulture)} customers of the journey";
        }

        var actual = Convert(value.Value, kind, unit);
        if (actual is null)
        {
            return Result(value, Format(value.Value, kind, null), null, $"the target's unit '{parsed.Unit}' does not fit {metric}, which is {Describe(kind)}");
        }

        return Result(Math.Round(actual.Value, 6), Format(value.Value, kind, unit), Status(actual.Value, parsed), null);
    }

    /// <summary>Evaluates every KPI item of the journey's KPI lanes.</summary>
    public static IReadOnlyList<KpiResult> EvaluateAll(
        Journey journey, JourneyMetrics metrics, IReadOnlyList<SatisfactionRow> satisfaction, IReadOnlyList<PlaceConversion>? conversions = null) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Kpis)
            .SelectMany(l => l.Items)
            .Where(i => !string.IsNullOrWhiteSpace(i.Metric))
            .Select(i => Evaluate(i.Stage, i.Metric!, i.Target, metrics, satisfaction, conversions))];

    /// <summary>The conversions and times between places, at least one a touchpoint, that the journey's KPIs ask for (each once).</summary>
    public static IReadOnlyList<KpiMetric> TwoStepMetrics(Journey journey) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items)
            .Select(i => i.Metric is { } m ? KpiMetric.Resolve(m, journey).Metric : null)
            .OfType<KpiMetric>()
            .Where(m => m.IsTwoStep)
            .Distinct()];

    private enum Kind
    {
        Fraction,
        Count,
        Seconds,
        Score,
    }

    private static (double? Value, Kind Kind, string? Problem, string Definition, int? N) Actual(
        string text, JourneyMetrics m, IReadOnlyList<SatisfactionRow> satisfaction, IReadOnlyList<PlaceConversion> conversions)
    {
        var stages = m.Funnel.Select(f => f.StageId).Concat(m.StageReach.Select(r => r.Id)).Distinct().ToList();
        var (metric, problem) = KpiMetric.Resolve(text, stages, [.. m.TouchpointReach.Select(t => t.Id)]);
        if (metric is null)
        {
            return (null, Kind.Count, problem, "", null);
        }

        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        var (name, from, to) = (metric.Name, metric.From, metric.To);
        FunnelStep? Step(string id) => m.Funnel.FirstOrDefault(f => f.StageId == id);
        int Index(string id) => m.Funnel.Select((f, i) => (f.StageId, i)).First(x => x.StageId == id).i;
        switch (name)
        {
            case "customers":
                return (m.Customers, Kind.Count, null, "customers with a mapped event", null);
            case "conversion" when metric.IsTwoStep:
                {
                    var pair = conversions.FirstOrDefault(c => c.From == from!.ToString() && c.To == to!.ToString());
                    var definition = $"customers who reached {to} after {from} within the funnel window ÷ customers who reached {from}";
                    return pair is null
                        ? (null, Kind.Fraction, $"the conversion from {from} to {to} was not computed", definition, null)
                        : (pair.Reached == 0 ? 0 : (double)pair.Converted / pair.Reached, Kind.Fraction, null, definition + $" ({Count(pair.Converted)} of {Count(pair.Reached)})", pair.Reached);
                }

            case "conversion" when to is not null:
                {
                    var (a, b) = (Step(from!.Id)!, Step(to.Id)!);
                    var definition = $"customers at stage {to.Id} ÷ customers at stage {from.Id} in the ordered funnel ({Count(b.Customers)} of {Count(a.Customers)})";
                    return (a.Customers == 0 ? 0 : (double)b.Customers / a.Customers, Kind.Fraction, null, definition, a.Customers);
                }

            case "conversion":
                {
                    var i = Index(from!.Id);
                    var step = m.Funnel[i];
                    var before = i == 0 ? step : m.Funnel[i - 1];
                    var definition = i == 0
                        ? $"stage {step.StageId} starts the ordered funnel: 1 by definition"
                        : $"customers at stage {step.StageId} ÷ customers at stage {before.StageId}, the stage before, in the ordered funnel ({Count(step.Customers)} of {Count(before.Customers)})";
                    return (step.Conversion, Kind.Fraction, null, definition, before.Customers);
                }

            case "drop_off":
                return (Step(from!.Id)!.DropOff, Kind.Count, null, $"customers at stage {from.Id} in the ordered funnel who did not reach the next stage", null);
            case "drop_off_rate":
                {
                    var r = Step(from!.Id)!;
                    return (r.Customers == 0 ? 0 : (double)r.DropOff / r.Customers, Kind.Fraction, null, $"customers at stage {from.Id} who did not reach the next stage ÷ customers at stage {from.Id} ({Count(r.DropOff)} of {Count(r.Customers)})", r.Customers);
                }

            case "reach":
                {
                    var rows = from!.Scope == KpiScope.Touchpoint ? m.TouchpointReach : m.StageReach;
                    return (rows.First(r => r.Id == from.Id).Customers, Kind.Count, null, $"customers with an event at {from}", null);
                }

            case "starts" or "ends":
                {
                    var row = m.Endpoints.FirstOrDefault(e => e.TouchpointId == from!.Id);
                    return (row is null ? 0 : name == "starts" ? row.Starts : row.Ends, Kind.Count, null, $"customers whose path {(name == "starts" ? "starts" : "ends")} at {from}", null);
                }

            case "exit_rate" or "stranded":
                {
                    var s = m.Stranded.FirstOrDefault(s => s.TouchpointId == from!.Id);
                    if (s is null)
                    {
                        return (null, Kind.Count, $"no stranded customers computed at {from}", "", null);
                    }

                    return name == "stranded"
                        ? (s.Stranded, Kind.Count, null, $"customers stranded at {from}", null)
                        : (s.ExitRate, Kind.Fraction, null, $"customers stranded at {from} ÷ customers who reached it ({Count(s.Stranded)} of {Count(s.Reached)})", s.Reached);
                }

            case "median_time" or "p90_time" when metric.IsTwoStep:
                {
                    var pair = conversions.FirstOrDefault(c => c.From == from!.ToString() && c.To == to!.ToString());
                    var definition = $"{(name == "median_time" ? "median" : "90th percentile")} time from first reaching {from} to first reaching {to} after it within the funnel window";
                    var seconds = pair?.Timing is { } t ? (name == "median_time" ? t.MedianSeconds : t.P90Seconds) : null;
                    return seconds is null
                        ? (null, Kind.Seconds, $"no customer went from {from} to {to}", definition, null)
                        : (seconds, Kind.Seconds, null, definition + $", among the {Count(pair!.Timing!.Customers)} who did", pair.Timing.Customers);
                }

            case "median_time" or "p90_time":
                {
                    var (a, b) = (Index(from!.Id), Index(to!.Id));
                    var definition = $"{(name == "median_time" ? "median" : "90th percentile")} time from first reaching stage {from.Id} to first reaching stage {to.Id} after it";
                    if (b <= a)
                    {
                        return (null, Kind.Seconds, $"{name} measures forward in the journey; {to.Id} comes before {from.Id}", definition, null);
                    }

                    var timing = b == a + 1 ? m.Timings[a] : m.SpanTimings.FirstOrDefault(t => t.FromStage == from.Id && t.ToStage == to.Id);
                    if (timing is null)
                    {
                        return (null, Kind.Seconds, $"no customer went from {from.Id} to {to.Id}", definition, null);
                    }

                    var seconds = name == "median_time" ? timing.MedianSeconds : timing.P90Seconds;
                    return (seconds, Kind.Seconds, seconds is null ? "no customer went from one stage to the other" : null, definition + $", among the {Count(timing.Customers)} who did", timing.Customers);
                }

            default:
                {
                    var scope = from!.Scope == KpiScope.Stage ? "stage" : "touchpoint";
                    var row = satisfaction.FirstOrDefault(r => r.Scope == scope && r.Id == from.Id);
                    var (value, n) = name switch
                    {
                        "nps" => (row?.Nps, row?.NpsCount),
                        "csat" => (row?.Csat, row?.CsatCount),
                        "ces" => (row?.Ces, row?.CesCount),
                        "sentiment" => (row?.Sentiment, row?.Comments),
                        _ => (row?.Emotion, row?.Responses),
                    };
                    var about = from.Scope == KpiScope.Stage ? $"{from} and its touchpoints" : from.ToString();
                    var definition = $"{(name == "sentiment" ? "mean comment sentiment" : name == "emotion" ? "measured emotion" : name.ToUpperInvariant())} of the answers about {about} (n = {Count(n ?? 0)})";
                    return (value, Kind.Score, value is null ? $"no {name} answers for {scope} {from.Id}" : null, definition, n ?? 0);
                }
        }
    }


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

}

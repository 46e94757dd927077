namespace Wayfinder.Evidence.Surveys;

using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;
using Wayfinder.Evidence.Import;

/// <summary>
/// Reads survey answers and insights from CSV or NDJSON. Surveys come long (a <c>metric</c> and a <c>score</c>
/// column) or wide (columns <c>nps</c>, <c>csat</c>, <c>ces</c>, <c>emotion</c>, one answer per filled cell); each
/// answer names a <c>touchpoint</c> or a <c>stage</c>. Bad rows are reported with line and reason; good rows kept.
/// </summary>
public static class SurveyImporter
{
    private static readonly string[] s_wide = ["nps", "csat", "ces", "emotion"];

    public static (List<SurveyResponse> Responses, ImportReport Report) ReadSurveys(string path)
    {
        var responses = new List<SurveyResponse>();
        var problems = new List<RowProblem>();
        long rows = 0, bad = 0;
        void Bad(long line, string field, string reason)
        {
            bad++;
            if (problems.Count < EventImporter.MaxProblemsListed)
            {
                problems.Add(new RowProblem(line, field, reason));
            }
        }

        try
        {
            foreach (var (line, get, columns) in Records(path))
            {
                rows++;
                if (!Timestamps.TryParse(get("timestamp") ?? get("time") ?? get("submitted_at") ?? "", null, out var micros, out var reason))
                {
                    Bad(line, "timestamp", reason!);
                    continue;
                }

                var touchpoint = Blank(get("touchpoint"));
                var stage = Blank(get("stage"));
                if (touchpoint is null && stage is null)
                {
                    Bad(line, "touchpoint", "names neither a touchpoint nor a stage; say what the answer is about");
                    continue;
                }

                var customer = Blank(get("customer_id") ?? get("user_id"));
                var comment = Blank(get("comment"));
                var answers = new List<(SurveyMetric, string)>();
                if (columns.Contains("metric"))
                {
                    var metricText = (get("metric") ?? "").Trim().ToLowerInvariant();
                    if (!Enum.TryParse<SurveyMetric>(metricText, ignoreCase: true, out var metric) || metricText.Length == 0 || char.IsDigit(metricText[0]))
                    {
                        Bad(line, "metric", $"'{metricText}' is not one of nps, csat, ces, emotion");
                        continue;
                    }

                    answers.Add((metric, get("score") ?? ""));
                }
                else
                {
                    foreach (var name in s_wide)
                    {
                        if (Blank(get(name)) is { } value)
                        {
                            answers.Add((Enum.Parse<SurveyMetric>(name, ignoreCase: true), value));
                        }
                    }

                    if (answers.Count == 0)
                    {
                        Bad(line, "score", "has no answer; fill one of nps, csat, ces, emotion (or use metric and score columns)");
                        continue;
                    }
                }

                foreach (var (metric, text) in answers)
                {
                    var (min, max) = SurveyResponse.Range(metric);
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
                    {
                        Bad(line, metric.ToString().ToLowerInvariant(), $"'{text}' is not a number");
                    }
                    else if (score < min || score > max)
                    {
                        Bad(line, metric.ToString().ToLowerInvariant(), $"{text} is outside {min}..{max}, the {metric.ToString().ToUpperInvariant()} scale");
                    }
                    else
                    {
                        responses.Add(new SurveyResponse(micros, customer, touchpoint, stage, metric, score, comment));
                    }
                }
            }
        }
        catch (ImportAbortedException ex)
        {
            return ([], new ImportReport { File = path, Format = Format(path), Error = ex.Message });
        }

        return (responses, new ImportReport { File = path, Format = Format(path), RowsRead = rows, BadRows = bad, Problems = problems, RowsAdded = responses.Count });
    }

    public static (List<Insight> Insights, ImportReport Report) ReadInsights(string path)
    {
        var insights = new List<Insight>();
        var problems = new List<RowProblem>();
        long rows = 0, bad = 0;
        try
        {
            foreach (var (line, get, _) in Records(path))
            {
                rows++;
                var text = Blank(get("text") ?? get("note"));
                if (text is null)
                {
                    bad++;
                    if (problems.Count < EventImporter.MaxProblemsListed)
                    {
                        problems.Add(new RowProblem(line, "text", "is missing; an insight needs its text"));
                    }

                    continue;
                }

                DateOnly? date = DateOnly.TryParse(get("date") ?? "", CultureInfo.InvariantCulture, out var d) ? d : null;
                insights.Add(new Insight(
                    Blank(get("id")) ?? $"insight-{line}",
                    date,
                    Blank(get("kind")) ?? "note",
                    text,
                    List(get("personas") ?? get("persona")),
                    List(get("stages") ?? get("stage")),
                    List(get("touchpoints") ?? get("touchpoint")),
                    Blank(get("source"))));
            }
        }
        catch (ImportAbortedException ex)
        {
            return ([], new ImportReport { File = path, Format = Format(path), Error = ex.Message });
        }

        return (insights, new ImportReport { File = path, Format = Format(path), RowsRead = rows, BadRows = bad, Problems = problems, RowsAdded = insights.Count });
    }

    private static string Format(string path) => EventImporter.DetectFormat(path);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Rows of a CSV or NDJSON file as (line, field getter, column names).</summary>
    private static IEnumerable<(long Line, Func<string, string?> Get, IReadOnlyCollection<string> Columns)> Records(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportAbortedException("no such file");
        }

        if (Format(path) == "ndjson")
        {
            long line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                Dictionary<string, string> fields;
                try
                {
                    using var document = JsonDocument.Parse(text);
                    fields = document.RootElement.EnumerateObject().ToDictionary(
                        p => p.Name,
                        p => p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString()!,
                            JsonValueKind.Array => string.Join(",", p.Value.EnumerateArray().Select(e => e.ToString())),
                            JsonValueKind.Null => "",
                            _ => p.Value.GetRawText(),
                        },
                        StringComparer.OrdinalIgnoreCase);
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    throw new ImportAbortedException($"line {line} is not a JSON object ({ex.Message.Split(" Path:")[0]})");
                }

                yield return (line, fields.GetValueOrDefault, fields.Keys);
            }

            yield break;
        }

        using var reader = SepHeaders.Open(() => Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, ColNameComparer = StringComparer.OrdinalIgnoreCase }).FromFile(path));
        if (reader.Header.ColNames.Count == 0)
        {
            throw new ImportAbortedException("the file is empty; it needs a header line");
        }

        var columns = reader.Header.ColNames.Select(c => c.ToLowerInvariant()).ToHashSet();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Math.Min(row.ColCount, reader.Header.ColNames.Count); i++)
            {
                values[reader.Header.ColNames[i]] = row[i].ToString();
            }

            yield return (row.LineNumberFrom, values.GetValueOrDefault, columns);
        }
    }
}

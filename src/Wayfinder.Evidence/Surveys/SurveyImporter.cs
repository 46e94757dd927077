namespace Wayfinder.Evidence.Surveys;

using System.Globalization;
using System.Text.Json;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;

/// <summary>
/// Reads survey answers and insights from CSV (RFC 4180, <see cref="CsvRecords"/>) or NDJSON. Surveys come long (a
/// <c>metric</c> and a <c>score</c> column) or wide (columns <c>nps</c>, <c>csat</c>, <c>ces</c>, <c>emotion</c>, one
/// answer per filled cell); each answer names a <c>touchpoint</c> or a <c>stage</c>. Every bad row is reported with its
/// line and reason and none of its answers is read; whether the good rows are stored is the store's decision
/// (<see cref="FeedbackImportOptions.MaxBadRows"/>).
/// </summary>
public static class SurveyImporter
{
    private static readonly string[] s_wide = ["nps", "csat", "ces", "emotion"];

    /// <summary>Columns that name something: a line break in one is a quote gone wrong (a comment may hold one).</summary>
    private static readonly string[] s_names = ["timestamp", "time", "submitted_at", "date", "customer_id", "user_id", "touchpoint", "stage", "metric", "id", "kind"];

    public static (List<SurveyResponse> Responses, ImportReport Report) ReadSurveys(string path, FeedbackImportOptions? options = null)
    {
        options ??= new FeedbackImportOptions();
        var responses = new List<SurveyResponse>();
        var answers = new List<(SurveyMetric, double)>();
        return Read(path, options, responses, (record, bad) =>
        {
            var get = record.Get;
            if (!Timestamps.TryParse(get("timestamp") ?? get("time") ?? get("submitted_at") ?? "", options.TimestampUnit, options.TimestampFormat, out var micros, out var reason))
            {
                bad("timestamp", reason!);
                return;
            }

            var touchpoint = Blank(get("touchpoint"));
            var stage = Blank(get("stage"));
            if (touchpoint is null && stage is null)
            {
                bad("touchpoint", "names neither a touchpoint nor a stage; say what the answer is about");
                return;
            }

            var texts = new List<(SurveyMetric, string)>();
            if (record.Columns.Contains("metric"))
            {
                var metricText = (get("metric") ?? "").Trim().ToLowerInvariant();
                if (!Enum.TryParse<SurveyMetric>(metricText, ignoreCase: true, out var metric) || metricText.Length == 0 || char.IsDigit(metricText[0]))
                {
                    bad("metric", $"'{metricText}' is not one of nps, csat, ces, emotion");
                    return;
                }

                texts.Add((metric, get("score") ?? ""));
            }
            else
            {
                foreach (var name in s_wide)
                {
                    if (Blank(get(name)) is { } value)
                    {
                        texts.Add((Enum.Parse<SurveyMetric>(name, ignoreCase: true), value));
                    }
                }

                if (texts.Count == 0)
                {
                    bad("score", "has no answer; fill one of nps, csat, ces, emotion (or use metric and score columns)");
                    return;
                }
            }

            // A row is read whole or not at all: one bad answer and none of the row's answers is kept.
            answers.Clear();
            foreach (var (metric, text) in texts)
            {
                var (min, max) = SurveyResponse.Range(metric);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
                {
                    bad(metric.ToString().ToLowerInvariant(), $"'{text}' is not a number");
                    return;
                }

                if (score < min || score > max)
                {
                    bad(metric.ToString().ToLowerInvariant(), $"{text} is outside {min}..{max}, the {metric.ToString().ToUpperInvariant()} scale");
                    return;
                }

                answers.Add((metric, score));
            }

            var customer = Blank(get("customer_id") ?? get("user_id"));
            var comment = Blank(get("comment"));
            responses.AddRange(answers.Select(a => new SurveyResponse(micros, customer, touchpoint, stage, a.Item1, a.Item2, comment)));
        });
    }

    public static (List<Insight> Insights, ImportReport Report) ReadInsights(string path, FeedbackImportOptions? options = null)
    {
        options ??= new FeedbackImportOptions();
        var insights = new List<Insight>();
        return Read(path, options, insights, (record, bad) =>
        {
            var get = record.Get;
            var text = Blank(get("text") ?? get("note"));
            if (text is null)
            {
                bad("text", "is missing; an insight needs its text");
                return;
            }

            DateOnly? date = null;
            if (Blank(get("date")) is { } written)
            {
                if (!Timestamps.TryParse(written, options.TimestampUnit, options.TimestampFormat, out var micros, out var reason))
                {
                    bad("date", reason!);
                    return;
                }

                date = DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(micros * 10));
            }

            insights.Add(new Insight(
                Blank(get("id")) ?? $"insight-{record.Line}",
                date,
                Blank(get("kind")) ?? "note",
                text,
                List(get("personas") ?? get("persona")),
                List(get("stages") ?? get("stage")),
                List(get("touchpoints") ?? get("touchpoint")),
                Blank(get("source"))));
        });
    }

    /// <summary>Reads every record, counting rows and bad rows; <paramref name="readRow"/> reads one good record or calls bad.</summary>
    private static (List<T> Items, ImportReport Report) Read<T>(string path, FeedbackImportOptions options, List<T> items, Action<Record, Action<string, string>> readRow)
    {
        var problems = new List<RowProblem>();
        long rows = 0, bad = 0;
        try
        {
            Timestamps.CheckFormat(options.TimestampFormat);

            foreach (var record in Records(path))
            {
                rows++;
                void Bad(string field, string reason)
                {
                    bad++;
                    if (problems.Count < EventImporter.MaxProblemsListed)
                    {
                        problems.Add(new RowProblem(record.Line, field, reason));
                    }
                }

                if (record.Problem is { } malformed)
                {
                    Bad(record.ProblemField, malformed);
                    continue;
                }

                readRow(record, Bad);
            }
        }
        catch (ImportAbortedException ex)
        {
            return ([], new ImportReport { File = path, Format = Format(path), Error = ex.Message });
        }

        return (items, new ImportReport { File = path, Format = Format(path), RowsRead = rows, BadRows = bad, Problems = problems, RowsAdded = items.Count });
    }

    private static string Format(string path) => EventImporter.DetectFormat(path);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>One row of a survey or insight file: its line, its fields by column name (any case), or why it is malformed.</summary>
    private sealed record Record(long Line, Func<string, string?> Get, IReadOnlySet<string> Columns, string? Problem = null, string ProblemField = "");

    /// <summary>Rows of a CSV or NDJSON file (blank lines left out).</summary>
    private static IEnumerable<Record> Records(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportAbortedException("no such file");
        }

        var none = new HashSet<string>();
        string? Nothing(string _) => null;
        if (Format(path) == DataFormats.Ndjson)
        {
            long line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                Dictionary<string, string>? fields = null;
                string? problem = null;
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
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
                {
                    problem = ex is ArgumentException ? "names a field twice" : $"is not a JSON object ({ex.Message.Split(" Path:")[0]})";
                }

                yield return fields is null
                    ? new Record(line, Nothing, none, $"the line {problem}")
                    : new Record(line, fields.GetValueOrDefault, fields.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));
            }

            yield break;
        }

        using var records = CsvRecords.Open(File.OpenRead(path), new EventImportOptions().MaxLineBytes);
        if (records.Header.Count == 0)
        {
            throw new ImportAbortedException("the file is empty; it needs a header line");
        }

        var header = records.Header;
        var columns = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = s_names.Select(n => header.ToList().FindIndex(h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase))).Where(i => i >= 0).ToArray();
        while (records.Read())
        {
            if (records.IsBlank)
            {
                continue;
            }

            if (records.Problem is { } problem)
            {
                yield return new Record(records.Line, Nothing, columns, problem);
                continue;
            }

            if (records.FieldCountProblem() is { } count)
            {
                yield return new Record(records.Line, Nothing, columns, count);
                continue;
            }

            if (records.EndLine > records.Line && names.FirstOrDefault(records.HasLineBreak, -1) is var broken and >= 0)
            {
                yield return new Record(records.Line, Nothing, columns, $"{CsvRecords.LineBreakReason} (the row runs over lines {records.Line}–{records.EndLine})", header[broken].ToLowerInvariant());
                records.ResumeAfterFirstLine();
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                values[header[i]] = records[i].ToString();
            }

            yield return new Record(records.Line, values.GetValueOrDefault, columns);
        }
    }
}

namespace Wayfinder.Core.Validation;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Filters;
using Wayfinder.Core.Workspaces;

/// <summary>Checks a loaded workspace and reports every problem with its file, line, column and path.</summary>
/// <remarks>
/// Codes (stable, for scripts): structure — <c>yaml</c>, <c>empty</c>, <c>unknown-field</c>, <c>missing-field</c>,
/// <c>unknown-value</c>, <c>wrong-type</c>; ids — <c>invalid-id</c>, <c>duplicate-id</c>; references —
/// <c>unknown-stage</c>, <c>unknown-step</c>, <c>unknown-persona</c>, <c>unknown-journey</c>, <c>unknown-channel</c>,
/// <c>unknown-competitor</c>, <c>unknown-evidence</c>, <c>unknown-item</c>, <c>unknown-format</c>, <c>unknown-preset</c>,
/// <c>unknown-glyph</c> (warning); values — <c>out-of-range</c>, <c>invalid-color</c>, <c>score-outside-emotion</c> (warning),
/// <c>invalid-target</c>, <c>invalid-filter</c>; journeys — <c>touchpoint-no-stage</c>, <c>missing-channel</c> (warning),
/// <c>loop-not-earlier</c>, <c>sub-journey-self</c>, <c>missing-current-map</c>, <c>current-map-is-future</c>,
/// <c>current-map-on-current</c> (warning), <c>missing-competitor</c>, <c>event-claimed-twice</c>; reviews —
/// <c>stale-review</c> (warning). The loader adds <c>no-workspace</c> and <c>wrong-folder</c>.
/// </remarks>
public static partial class WorkspaceValidator
{
    /// <summary>Validates every document against the model and against each other (references, ids), as of today (UTC).</summary>
    public static ValidationResult Validate(Workspace workspace) => Validate(workspace, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>
    /// Validates every document: the structure of each file (unknown fields, missing required fields, wrong values),
    /// ids, references between documents and to <c>wayfinder.yaml</c>, ranges, KPI targets, filters, event mappings,
    /// and reviews past due on <paramref name="today"/>. Combine with the loader's result for files that failed to load;
    /// <see cref="ValidationResult"/> drops a problem both report.
    /// </summary>
    public static ValidationResult Validate(Workspace workspace, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var result = new ValidationResult();
        var checker = new Checker(workspace, today, result);
        checker.Run();
        return result;
    }

    /// <summary>True when <paramref name="id"/> is lowercase letters and digits joined by single '-' (<see cref="Slug"/>).</summary>
    public static bool IsSlug(string id) => Slug.IsValid(id);

    /// <summary>A slug made from any text, for suggestions: "Trial Stage" → "trial-stage" (<see cref="Slug"/>).</summary>
    public static string ToSlug(string text)
    {
        var slug = Slug.From(text);
        return slug.Length == 0 ? "item-1" : slug;
    }

    /// <summary>One file being checked: where to report and how to find positions.</summary>
    private sealed class FileContext(string file, SourceMap map, ValidationResult result)
    {
        public string File => file;

        public SourceMap Map => map;

        public void Report(string path, string code, string message, Severity severity = Severity.Error, SourcePosition? at = null)
        {
            var position = at ?? map.ValueAt(path);
            result.Add(new Diagnostic { File = file, Line = position.Line, Column = position.Column, Path = path, Code = code, Message = message, Severity = severity });
        }

        public void Warn(string path, string code, string message) => Report(path, code, message, Severity.Warning);

        public void CheckId(string path, string? id, string noun)
        {
            if (string.IsNullOrEmpty(id) || IsSlug(id))
            {
                return;
            }

            Report(path, "invalid-id", $"'{id}' is not a valid {noun} id; use lowercase letters, digits and '-', e.g. {ToSlug(id)}");
        }

        /// <summary>Reports every id seen before, with the position of its first use.</summary>
        public void CheckUnique(IEnumerable<(string? Id, string Path)> ids)
        {
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (id, path) in ids)
            {
                if (string.IsNullOrEmpty(id))
                {
                    continue;
                }

                if (first.TryGetValue(id, out var earlier))
                {
                    Report(path, "duplicate-id", $"duplicate id \"{id}\" (also at {map.ValueAt(earlier)})");
                }
                else
                {
                    first[id] = path;
                }
            }
        }

        /// <summary>Reports a reference that names nothing known, with a did-you-mean or the known names.</summary>
        public bool CheckReference(string path, string? value, IReadOnlyCollection<string> known, string code, string what, string? prefix = null)
        {
            if (value is null || known.Contains(value))
            {
                return true;
            }

            Report(path, code, $"{prefix}{UnknownMessage(value, known, what)}");
            return false;
        }

        public void CheckRange(string path, double? value, double min, double max, string field, string meaning)
        {
            if (value is { } v && (v < min || v > max))
            {
                Report(path, "out-of-range", $"{field} {Number(v)} is outside {Number(min)}..{Number(max)}; {meaning}");
            }
        }

        public void CheckFilter(string path, string? text, string what)
        {
            if (text is null)
            {
                return;
            }

            var parsed = Filter.Parse(text);
            if (parsed.Error is { } error)
            {
                Report(path, "invalid-filter", $"this {what} is not a valid filter: {error.Message} (see docs/filters.md)", at: map.InsideScalar(path, error.Column));
            }
        }

        public void CheckEvidence(string path, IReadOnlyList<string> cited, IReadOnlyCollection<string> known)
        {
            for (var i = 0; i < cited.Count; i++)
            {
                CheckReference(SourceMap.Item(path, i), cited[i], known, "unknown-evidence", "an evidence id of this document or of wayfinder.yaml");
            }
        }

        public void CheckReview(Review? review, DateOnly today, int defaultCadence)
        {
            if (review is null || !review.IsStale(today, defaultCadence))
            {
                return;
            }

            var cadence = review.CadenceDays ?? defaultCadence;
            var message = review.LastReviewed is { } last
                ? $"review is past due: last reviewed {last:yyyy-MM-dd}, every {cadence} days, so due {last.AddDays(cadence):yyyy-MM-dd}; review it and update last_reviewed"
                : "never reviewed; review it and set last_reviewed";
            var path = map.Node("review.last_reviewed") is null ? "review" : "review.last_reviewed";
            Report(path, "stale-review", message, Severity.Warning, map.KeyAt(path) is var key && path == "review" ? key : map.ValueAt(path));
        }
    }

    internal static string UnknownMessage(string value, IReadOnlyCollection<string> known, string what)
    {
        var suggestion = Levenshtein.Closest(value, known);
        if (suggestion is not null)
        {
            return $"\"{value}\" is not {what}; did you mean {suggestion}?";
        }

        if (known.Count == 0)
        {
            return $"\"{value}\" is not {what}; there are none yet";
        }

        var list = string.Join(", ", known.Take(8)) + (known.Count > 8 ? ", …" : "");
        return $"\"{value}\" is not {what}; use one of {list}";
    }

    internal static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static HashSet<string> Ids(IEnumerable<string?> ids) => [.. ids.Where(id => !string.IsNullOrEmpty(id)).Select(id => id!)];
}

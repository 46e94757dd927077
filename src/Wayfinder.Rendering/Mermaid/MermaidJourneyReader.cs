namespace Wayfinder.Rendering.Mermaid;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wayfinder.Core.Validation;

internal sealed record MermaidTask(string Name, double Score, List<string> Actors, bool NoEmotion, int Line);

internal sealed record MermaidSection(string Name, List<MermaidTask> Tasks, int Line);

internal sealed record MermaidJsonComment(string Text, int Line, int Column);

/// <summary>What a Mermaid journey says, as read line by line.</summary>
internal sealed record MermaidDiagram(string? Title, List<MermaidSection> Sections, MermaidJsonComment? Json)
{
    public string? AccTitle { get; init; }

    public string? AccDescr { get; init; }

    /// <summary>Everything the diagram shows, in one string, to tell whether two diagrams say the same.</summary>
    public string Canonical()
    {
        var text = new StringBuilder();
        text.Append("title\u0001").Append(Title).Append('\u0001').Append(AccTitle).Append('\u0001').Append(AccDescr).Append('\n');
        foreach (var section in Sections)
        {
            text.Append("section\u0001").Append(section.Name).Append('\n');
            foreach (var task in section.Tasks)
            {
                text.Append("task\u0001").Append(task.Name).Append('\u0001').Append(task.Score.ToString("R", CultureInfo.InvariantCulture))
                    .Append('\u0001').Append(string.Join('\u0002', task.Actors)).Append('\u0001').Append(task.NoEmotion).Append('\n');
            }
        }

        return text.ToString();
    }
}

/// <summary>
/// Reads the Mermaid journey syntax: a <c>journey</c> header, <c>title …</c>, <c>section …</c>,
/// <c>Task name: score: Actor, Actor</c>, <c>%%</c> comments and <c>%%{…}%%</c> directives, and a YAML front matter.
/// Every line it cannot use is reported, as an error when the diagram is broken, as a warning when it is only dropped.
/// </summary>
internal static partial class MermaidJourneyReader
{
    private static readonly string[] s_directives = ["init", "initialize", "config", "wrap"];

    public static MermaidDiagram Read(string text, string file, ValidationResult result)
    {
        var lines = text.Split('\n');
        string? title = null;
        var sections = new List<MermaidSection>();
        MermaidJsonComment? json = null;
        var headerSeen = false;
        var noEmotion = false;
        var inFrontMatter = false;
        var inAccDescr = false;
        string? accTitle = null;
        string? accDescr = null;
        List<string>? accLines = null;
        var content = false;

        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index].TrimEnd('\r');
            var start = 0;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            var body = line[start..].TrimEnd();
            var column = start + 1;
            if (body.Length == 0)
            {
                continue;
            }

            if (inFrontMatter)
            {
                if (body == "---")
                {
                    inFrontMatter = false;
                }
                else if (body.StartsWith("title:", StringComparison.Ordinal) && start == 0)
                {
                    title = body["title:".Length..].Trim().Trim('"', '\'');
                }
                else
                {
                    Warn(number, column, "mermaid-dropped", $"front matter line not kept: {body}");
                }

                continue;
            }

            if (inAccDescr)
            {
                inAccDescr = !body.EndsWith('}');
                var part = inAccDescr ? body : body[..^1].TrimEnd();
                if (part.Length > 0)
                {
                    accLines!.Add(MermaidText.Unescape(part));
                }

                if (!inAccDescr)
                {
                    accDescr = string.Join('\n', accLines!);
                }

                continue;
            }

            if (!content && body == "---")
            {
                inFrontMatter = true;
                content = true;
                continue;
            }

            content = true;
            if (body.StartsWith("%%{", StringComparison.Ordinal))
            {
                Directive(body, number, column);
                continue;
            }

            if (body.StartsWith("%%", StringComparison.Ordinal))
            {
                if (body.StartsWith(MermaidJourney.JsonCommentPrefix.TrimEnd(), StringComparison.Ordinal))
                {
                    if (json is not null)
                    {
                        Warn(number, column, "mermaid-metadata-invalid", $"second wayfinder-json comment ignored (the first is at line {json.Line})");
                    }
                    else
                    {
                        json = new MermaidJsonComment(body[MermaidJourney.JsonCommentPrefix.TrimEnd().Length..].Trim(), number, column);
                    }
                }
                else if (body == MermaidJourney.NoEmotionComment)
                {
                    noEmotion = true;
                }
                else
                {
                    Warn(number, column, "mermaid-dropped", $"comment not kept: {body}");
                }

                continue;
            }

            var word = FirstWord(body);
            if (!headerSeen)
            {
                headerSeen = true;
                if (word.Equals("journey", StringComparison.OrdinalIgnoreCase))
                {
                    if (body.Length > word.Length)
                    {
                        Warn(number, column + word.Length + 1, "mermaid-dropped", $"text after the journey header not kept: {body[(word.Length + 1)..].Trim()}");
                    }

                    continue;
                }

                Error(number, column, "mermaid-no-header", $"expected the diagram to start with \"journey\", found \"{Shorten(body)}\"");
                if (!word.Equals("title", StringComparison.OrdinalIgnoreCase) && !word.Equals("section", StringComparison.OrdinalIgnoreCase))
                {
                    // Another kind of diagram: reading on would only report each of its lines again.
                    break;
                }
            }

            if (word.Equals("journey", StringComparison.OrdinalIgnoreCase) && body.Length == word.Length)
            {
                Warn(number, column, "mermaid-dropped", "second journey header ignored");
            }
            else if (word.Equals("title", StringComparison.OrdinalIgnoreCase) && body.Length > word.Length)
            {
                title = Label(body[word.Length..], number, column + word.Length);
            }
            else if (word.Equals("section", StringComparison.OrdinalIgnoreCase) && body.Length > word.Length)
            {
                sections.Add(new MermaidSection(MermaidText.LineBreaks(Label(body[word.Length..], number, column + word.Length)), [], number));
            }
            else if (AccTitle().Match(body) is { Success: true } titleMatch)
            {
                accTitle = MermaidText.Unescape(body[titleMatch.Length..].Trim());
            }
            else if (AccDescrBlock().Match(body) is { Success: true } block)
            {
                var rest = body[block.Length..].Trim();
                inAccDescr = !rest.EndsWith('}');
                accLines = [];
                var first = inAccDescr ? rest : rest[..^1].TrimEnd();
                if (first.Length > 0)
                {
                    accLines.Add(MermaidText.Unescape(first));
                }

                if (!inAccDescr)
                {
                    accDescr = string.Join('\n', accLines);
                }
            }
            else if (AccDescr().Match(body) is { Success: true } descrMatch)
            {
                accDescr = MermaidText.Unescape(body[descrMatch.Length..].Trim());
            }
            else
            {
                Task(line, body, start, number);
            }
        }

        if (!headerSeen)
        {
            Error(1, 1, "mermaid-no-header", "expected the diagram to start with \"journey\", found nothing");
        }

        return new MermaidDiagram(title, sections, json) { AccTitle = accTitle, AccDescr = accDescr };

        void Task(string line, string body, int start, int number)
        {
            var taskNoEmotion = noEmotion;
            noEmotion = false;
            var colon = line.IndexOf(':', start);
            if (colon < 0)
            {
                Error(number, start + 1, "mermaid-task-without-score", $"task \"{Shorten(body)}\" has no \": score\" (write \"{Shorten(body)}: 3\")");
                return;
            }

            var name = MermaidText.LineBreaks(Label(line[start..colon], number, start + 1));
            if (line[start..colon].Trim().Length == 0)
            {
                Error(number, start + 1, "mermaid-task-without-name", "task has no name before \":\"");
                return;
            }

            var next = line.IndexOf(':', colon + 1);
            var scoreEnd = next < 0 ? line.Length : next;
            var scoreStart = colon + 1;
            while (scoreStart < scoreEnd && char.IsWhiteSpace(line[scoreStart]))
            {
                scoreStart++;
            }

            var scoreText = line[scoreStart..scoreEnd].TrimEnd();
            if (!double.TryParse(scoreText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score))
            {
                Error(number, scoreStart + 1, "mermaid-score-not-number", scoreText.Length == 0
                    ? $"task \"{name}\" has no score after \":\" (a number from 1 to 5)"
                    : $"score \"{scoreText}\" is not a number (a number from 1 to 5)");
                return;
            }

            if (score is < 1 or > 5)
            {
                // Mermaid draws any number; the emotion scale is 1..5 (−2..+2), so the task is kept at the nearest end.
                var clamped = Math.Clamp(score, 1, 5);
                Warn(number, scoreStart + 1, "mermaid-score-clamped", $"score {scoreText} is outside 1..5; imported as {clamped.ToString(CultureInfo.InvariantCulture)}");
                score = clamped;
            }

            var actors = new List<string>();
            if (next >= 0)
            {
                var offset = next + 1;
                foreach (var part in line[(next + 1)..].Split(','))
                {
                    var actor = Label(part, number, offset + 1);
                    if (actor.Length > 0)
                    {
                        actors.Add(actor);
                    }

                    offset += part.Length + 1;
                }
            }

            if (sections.Count == 0)
            {
                Error(number, start + 1, "mermaid-task-before-section", $"task \"{name}\" comes before any \"section\"");
                return;
            }

            sections[^1].Tasks.Add(new MermaidTask(name, score, actors, taskNoEmotion, number));
        }

        void Directive(string body, int number, int column)
        {
            if (!body.EndsWith("}%%", StringComparison.Ordinal))
            {
                Error(number, column, "mermaid-unknown-directive", "directive is not closed with \"}%%\" on the same line");
                return;
            }

            var match = DirectiveName().Match(body);
            var name = match.Success ? match.Groups[1].Value : "";
            if (!s_directives.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Error(number, column + (match.Success ? match.Groups[1].Index : 3), "mermaid-unknown-directive",
                    $"unknown directive \"{name}\" (Mermaid knows {string.Join(", ", s_directives)})");
                return;
            }

            Warn(number, column, "mermaid-dropped", $"{name} directive not kept (it styles the diagram, not the journey)");
        }

        // A label runs to the end of its part; Mermaid reads # and % as the start of a comment unless they begin an entity code.
        string Label(string raw, int number, int column)
        {
            var cut = CommentStart().Match(raw);
            if (cut.Success)
            {
                Warn(number, column + cut.Index, "mermaid-dropped", $"\"{raw[cut.Index..].Trim()}\" is a comment in Mermaid and was not kept (write # as #35; and % as #37;)");
                raw = raw[..cut.Index];
            }

            return MermaidText.Unescape(raw.Trim());
        }

        void Warn(int number, int column, string code, string message) =>
            result.Add(new Diagnostic { File = file, Line = number, Column = column, Severity = Severity.Warning, Code = code, Message = message });

        void Error(int number, int column, string code, string message) =>
            result.Add(new Diagnostic { File = file, Line = number, Column = column, Code = code, Message = message });
    }

    private static string FirstWord(string body)
    {
        var end = 0;
        while (end < body.Length && !char.IsWhiteSpace(body[end]))
        {
            end++;
        }

        return body[..end];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^accTitle\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AccTitle();

    [GeneratedRegex(@"^accDescr\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AccDescr();

    [GeneratedRegex(@"^accDescr\s*\{", RegexOptions.IgnoreCase)]
    private static partial Regex AccDescrBlock();

    [GeneratedRegex(@"^%%\{\s*([A-Za-z]\w*)")]
    private static partial Regex DirectiveName();

    // A # that does not begin an entity code (#58; #lt;), or any %.
    [GeneratedRegex(@"#(?![0-9]+;|[A-Za-z][A-Za-z0-9]*;)|%")]
    private static partial Regex CommentStart();
}

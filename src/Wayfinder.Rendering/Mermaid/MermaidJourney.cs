namespace Wayfinder.Rendering.Mermaid;

using System.Globalization;
using System.Text;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Validation;

/// <summary>
/// Mermaid <c>journey</c> diagrams: export a map, import a diagram.
/// <para>
/// Export: one <c>section</c> per stage (its name); its tasks are the stage's steps, else its actions-lane items,
/// else its touchpoints, else the stage itself. A task's score is the emotion of its step (else of its stage)
/// mapped from -2..+2 to 1..5 (emotion + 3, rounded half away from zero); a task without emotion scores 3 and is
/// preceded by <c>%% wayfinder:no-emotion</c>. A task's actors are the roles-lane items on its step (when no task has
/// one, every task gets the journey's persona ids). Line breaks in section and task names are <c>&lt;br&gt;</c>. User text is escaped with
/// Mermaid entity codes (<c>#58;</c> for <c>:</c>, <c>#60;</c> for <c>&lt;</c>…); see README.md beside this file.
/// </para>
/// <para>
/// What Mermaid cannot hold is kept in the last line, <c>%% wayfinder-json: {…}</c>: the whole journey as compact
/// <see cref="DocumentJson"/> (every <c>%</c> written as <c>\u0025</c> so the line can never look like a Mermaid
/// directive). Mermaid ignores <c>%%</c> lines, so the diagram renders as usual; an import that finds the line and
/// sees that the diagram still says what the line says restores the journey from it, losing nothing.
/// </para>
/// </summary>
public static class MermaidJourney
{
    /// <summary>Starts the comment line holding the whole journey as compact JSON.</summary>
    public const string JsonCommentPrefix = "%% wayfinder-json: ";

    /// <summary>The comment line placed before a task that has no emotion (its score 3 is only the neutral default).</summary>
    public const string NoEmotionComment = "%% wayfinder:no-emotion";

    private static readonly JsonSerializerOptions s_compactJson = new(DocumentJson.Options) { WriteIndented = false };

    /// <summary>Writes the map as a Mermaid journey; what Mermaid cannot hold is kept in <c>%%</c> comments.</summary>
    public static string Export(Journey journey)
    {
        var text = new StringBuilder();
        text.Append("journey\n");
        text.Append("  title ").Append(MermaidText.Escape(journey.Title)).Append('\n');
        if (journey.AccessibleTitle is { } accTitle)
        {
            text.Append("  accTitle: ").Append(MermaidText.Escape(accTitle)).Append('\n');
        }

        if (journey.AccessibleDescription is { } accDescr)
        {
            text.Append("  accDescr: ").Append(MermaidText.Escape(accDescr)).Append('\n');
        }

        var everyTask = journey.Stages.Any(stage => Tasks(journey, stage).Any(t => Actors(journey, stage.Id, t.Step).Any())) ? null : journey.Personas;
        foreach (var stage in journey.Stages)
        {
            text.Append("  section ").Append(MermaidText.Escape(stage.Name, lineBreaks: true)).Append('\n');
            foreach (var (name, emotion, step) in Tasks(journey, stage))
            {
                if (emotion is null)
                {
                    text.Append("    ").Append(NoEmotionComment).Append('\n');
                }

                text.Append("    ").Append(MermaidText.Escape(name, lineBreaks: true)).Append(": ").Append(Score(emotion).ToString(CultureInfo.InvariantCulture));
                var actors = string.Join(", ", (everyTask ?? Actors(journey, stage.Id, step)).Select(a => MermaidText.Escape(a, actor: true)));
                if (actors.Length > 0)
                {
                    text.Append(": ").Append(actors);
                }

                text.Append('\n');
            }
        }

        var json = JsonSerializer.Serialize(journey, s_compactJson).Replace("%", "\\u0025", StringComparison.Ordinal);
        text.Append("  ").Append(JsonCommentPrefix).Append(json).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Reads a Mermaid journey; problems and anything dropped are reported in the result with line and column.
    /// The journey is null when the result has errors. <paramref name="id"/> is the imported journey's id, also when
    /// the journey is restored from its <c>%% wayfinder-json</c> line.
    /// </summary>
    /// <remarks>
    /// With a <c>%% wayfinder-json</c> comment the journey is restored from it; when the diagram was edited after export
    /// its edits are applied to that journey and a warning lists them.
    /// Without Wayfinder comments: stages come from sections (ids are slugs of their names, made unique); a section
    /// holding one task named like the section is the stage itself, otherwise its tasks become steps; the emotion
    /// lane gets score − 3 per task (none after <c>%% wayfinder:no-emotion</c>); each task's actors are items of a roles lane
    /// ("Actors"), named exactly as written, never persona references; <c>accTitle</c>/<c>accDescr</c> are the accessible title and description.
    /// </remarks>
    public static (Journey? Journey, ValidationResult Result) Import(string text, string file, string id)
    {
        var result = new ValidationResult();
        var diagram = MermaidJourneyReader.Read(text, file, result);
        if (!result.IsValid)
        {
            return (null, result);
        }

        if (diagram.Json is { } json)
        {
            var restored = Restore(json, diagram, file, result);
            if (restored is not null)
            {
                return (restored with { Id = id }, result);
            }
        }

        return (Build(diagram, id), result);
    }

    internal static int Score(double? emotion) =>
        emotion is { } e ? (int)Math.Clamp(Math.Round(e + 3, MidpointRounding.AwayFromZero), 1, 5) : 3;

    /// <summary>
    /// A stage's tasks: its steps, else its actions-lane items, else its touchpoints, else the stage itself; each with its
    /// emotion and the step it stands for (null when it stands for the stage).
    /// </summary>
    internal static IEnumerable<(string Name, double? Emotion, string? Step)> Tasks(Journey journey, Stage stage)
    {
        var stageEmotion = Emotion(journey, stage.Id, null);
        if (stage.Steps.Count > 0)
        {
            return stage.Steps.Select(s => (s.Name, Emotion(journey, stage.Id, s.Id) ?? stageEmotion, (string?)s.Id));
        }

        foreach (var type in (LaneType[])[LaneType.Actions, LaneType.Touchpoints])
        {
            var items = journey.Lanes.Where(l => l.Type == type).SelectMany(l => l.Items).Where(i => i.Stage == stage.Id).ToList();
            if (items.Count > 0)
            {
                return items.Select(i => (i.Text ?? "", stageEmotion, (string?)null));
            }
        }

        return [(stage.Name, stageEmotion, null)];
    }

    /// <summary>
    /// A task's actors: the texts of the roles-lane items on its step (or on its stage, for a task that stands for the
    /// stage), in lane order. When no task of the journey has one, export gives every task the journey's personas.
    /// </summary>
    internal static IEnumerable<string> Actors(Journey journey, string stage, string? step) =>
        journey.Lanes.Where(l => l.Type == LaneType.Roles).SelectMany(l => l.Items)
            .Where(i => i.Stage == stage && i.Step == step && !string.IsNullOrWhiteSpace(i.Text))
            .Select(i => i.Text!).Distinct(StringComparer.Ordinal);

    private static double? Emotion(Journey journey, string stage, string? step) =>
        journey.Lanes.Where(l => l.KindOf().HasScore)
            .SelectMany(l => l.Items)
            .FirstOrDefault(i => i.Stage == stage && i.Step == step && i.Score is not null)?.Score;

    private static Journey? Restore(MermaidJsonComment json, MermaidDiagram diagram, string file, ValidationResult result)
    {
        Journey? stored;
        try
        {
            stored = DocumentJson.Read<Journey>(json.Text);
        }
        catch (JsonException e)
        {
            result.Add(new Diagnostic
            {
                File = file, Line = json.Line, Column = json.Column + JsonCommentPrefix.Length, Severity = Severity.Warning, Code = "mermaid-metadata-invalid",
                Message = $"the wayfinder-json comment is not a valid journey ({e.Message}); imported what the diagram holds",
            });
            return null;
        }

        if (stored is null)
        {
            return null;
        }

        // The comment is trusted as it is while the diagram still says what an export of it would say; otherwise the
        // diagram's edits are applied to it.
        var expected = MermaidJourneyReader.Read(Export(stored), file, new ValidationResult());
        if (expected.Canonical() == diagram.Canonical())
        {
            return stored;
        }

        var changes = new List<string>();
        var merged = MermaidMerge.Merge(stored, diagram, changes);
        result.Add(new Diagnostic
        {
            File = file, Line = json.Line, Column = json.Column, Severity = Severity.Warning, Code = "mermaid-metadata-merged",
            Message = $"the diagram was changed after export; applied its changes to the journey kept in the wayfinder-json comment: {string.Join("; ", changes)}",
        });
        return merged;
    }

    private static Journey Build(MermaidDiagram diagram, string id)
    {
        var stageIds = new HashSet<string>(StringComparer.Ordinal);
        var stepIds = new HashSet<string>(StringComparer.Ordinal);
        var stages = new List<Stage>();
        var emotions = new List<LaneItem>();
        var roles = new List<LaneItem>();
        foreach (var section in diagram.Sections)
        {
            var stageId = MermaidText.UniqueSlug(section.Name, "stage", stageIds);
            var steps = new List<Step>();
            if (section.Tasks is [var only] && only.Name == section.Name)
            {
                AddEmotion(only, stageId, null);
            }
            else
            {
                foreach (var task in section.Tasks)
                {
                    var stepId = MermaidText.UniqueSlug(task.Name, "step", stepIds);
                    steps.Add(new Step { Id = stepId, Name = task.Name });
                    AddEmotion(task, stageId, stepId);
                }
            }

            stages.Add(new Stage { Id = stageId, Name = section.Name, Steps = steps });
        }

        var lanes = new List<Lane>();
        if (emotions.Count > 0)
        {
            lanes.Add(new Lane { Id = LaneKinds.Of(LaneType.Emotion).DefaultLaneId, Type = LaneType.Emotion, Items = emotions });
        }

        if (roles.Count > 0)
        {
            lanes.Add(new Lane { Id = LaneKinds.Of(LaneType.Roles).DefaultLaneId, Type = LaneType.Roles, Name = "Actors", Items = roles });
        }

        return new Journey
        {
            Id = id,
            Title = diagram.Title ?? id,
            AccessibleTitle = diagram.AccTitle,
            AccessibleDescription = diagram.AccDescr,
            Stages = stages,
            Lanes = lanes,
        };

        void AddEmotion(MermaidTask task, string stage, string? step)
        {
            if (!task.NoEmotion)
            {
                emotions.Add(new LaneItem { Stage = stage, Step = step, Score = task.Score - 3 });
            }

            roles.AddRange(task.Actors.Distinct(StringComparer.Ordinal).Select(a => new LaneItem { Stage = stage, Step = step, Text = a }));
        }
    }
}

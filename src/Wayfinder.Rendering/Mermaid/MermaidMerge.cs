namespace Wayfinder.Rendering.Mermaid;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;

/// <summary>
/// Applies the edits made to an exported diagram to the journey kept in its <c>wayfinder-json</c> comment, so editing
/// a score or a task in Mermaid does not throw away what only the comment holds (goals, lanes, KPIs…).
/// </summary>
/// <remarks>
/// Sections are matched to stages by name, in order. A stage whose tasks kept their names keeps everything; a changed
/// score sets that step's (or stage's) emotion to score − 3. A stage whose tasks changed keeps its id and fields, gets
/// its steps from the tasks (steps of the same name keep their id and emotion unless the score changed), and loses the
/// items of steps that are gone. A new section is a new stage; a stage whose section is gone is removed with its items.
/// Title, accTitle and accDescr come from the diagram; personas and actors stay as stored (an actor edit is reported, not applied).
/// </remarks>
internal static class MermaidMerge
{
    public static Journey Merge(Journey stored, MermaidDiagram diagram, List<string> changes)
    {
        var lanes = stored.Lanes.Select(l => l with { Items = [.. l.Items] }).ToList();
        var stageIds = stored.Stages.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var stepIds = stored.Stages.SelectMany(s => s.Steps).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<Stage>(ReferenceEqualityComparer.Instance);
        var stages = new List<Stage>();

        foreach (var section in diagram.Sections)
        {
            var stage = stored.Stages.Find(s => s.Name == section.Name && !used.Contains(s));
            if (stage is null)
            {
                var id = MermaidText.UniqueSlug(section.Name, "stage", stageIds);
                stages.Add(Rebuild(new Stage { Id = id, Name = section.Name }, section));
                changes.Add($"stage \"{section.Name}\" added");
                continue;
            }

            used.Add(stage);
            var expected = MermaidJourney.Tasks(stored, stage).ToList();
            if (expected.Select(t => t.Name).SequenceEqual(section.Tasks.Select(t => t.Name), StringComparer.Ordinal))
            {
                for (var i = 0; i < expected.Count; i++)
                {
                    var task = section.Tasks[i];
                    if (!task.NoEmotion && (expected[i].Emotion is null || MermaidJourney.Score(expected[i].Emotion) != task.Score))
                    {
                        SetEmotion(stage.Id, stage.Steps.Count > 0 ? stage.Steps[i].Id : null, task.Score - 3);
                        changes.Add($"\"{task.Name}\" in \"{stage.Name}\" scored {task.Score}");
                    }
                }

                stages.Add(stage);
            }
            else
            {
                stages.Add(Rebuild(stage, section));
                changes.Add($"tasks of stage \"{stage.Name}\" changed");
            }
        }

        foreach (var gone in stored.Stages.Where(s => !used.Contains(s)))
        {
            foreach (var lane in lanes)
            {
                lane.Items.RemoveAll(i => i.Stage == gone.Id);
            }

            changes.Add($"stage \"{gone.Name}\" removed with its items");
        }

        // Actors are kept as they were: they are not persona references, and the roles lane says which task has which.
        if (ActorsChanged())
        {
            changes.Add("actors changed (not applied: edit the roles lane)");
        }

        var title = diagram.Title ?? stored.Title;
        if (title != stored.Title)
        {
            changes.Add("title changed");
        }

        return stored with { Title = title, AccessibleTitle = diagram.AccTitle, AccessibleDescription = diagram.AccDescr, Stages = stages, Lanes = lanes };

        bool ActorsChanged()
        {
            var expected = MermaidJourneyReader.Read(MermaidJourney.Export(stored), "", new ValidationResult());
            return !expected.Sections.SelectMany(x => x.Tasks).Select(t => string.Join('\u0001', t.Actors))
                .SequenceEqual(diagram.Sections.SelectMany(x => x.Tasks).Select(t => string.Join('\u0001', t.Actors)), StringComparer.Ordinal);
        }

        Stage Rebuild(Stage stage, MermaidSection section)
        {
            var steps = new List<Step>();
            var itself = section.Tasks is [var only] && only.Name == section.Name;
            if (!itself)
            {
                foreach (var task in section.Tasks)
                {
                    var step = stage.Steps.Find(s => s.Name == task.Name && !steps.Contains(s))
                        ?? new Step { Id = MermaidText.UniqueSlug(task.Name, "step", stepIds), Name = task.Name };
                    steps.Add(step);
                }
            }

            foreach (var lane in lanes)
            {
                lane.Items.RemoveAll(i => i.Stage == stage.Id && i.Step is not null && !steps.Exists(s => s.Id == i.Step));
            }

            for (var i = 0; i < section.Tasks.Count; i++)
            {
                var task = section.Tasks[i];
                var step = itself ? null : steps[i].Id;
                var current = Emotion(stage.Id, step) ?? (step is null ? null : Emotion(stage.Id, null));
                if (!task.NoEmotion && (current is null || MermaidJourney.Score(current) != task.Score))
                {
                    SetEmotion(stage.Id, step, task.Score - 3);
                }
            }

            return stage with { Steps = steps };
        }

        double? Emotion(string stage, string? step) =>
            lanes.Where(l => l.KindOf().HasScore).SelectMany(l => l.Items).FirstOrDefault(i => i.Stage == stage && i.Step == step && i.Score is not null)?.Score;

        void SetEmotion(string stage, string? step, double score)
        {
            foreach (var lane in lanes.Where(l => l.KindOf().HasScore))
            {
                var index = lane.Items.FindIndex(i => i.Stage == stage && i.Step == step && i.Score is not null);
                if (index >= 0)
                {
                    lane.Items[index] = lane.Items[index] with { Score = score };
                    return;
                }
            }

            var target = lanes.Find(l => l.KindOf().HasScore);
            if (target is null)
            {
                target = new Lane { Id = LaneKinds.Of(LaneType.Emotion).DefaultLaneId, Type = LaneType.Emotion };
                lanes.Add(target);
            }

            target.Items.Add(new LaneItem { Stage = stage, Step = step, Score = score });
        }
    }
}

namespace Wayfinder.Web.Components.Home;

using Wayfinder.Core.Documents;

/// <summary>One text field of a document: the element it belongs to (null for the document itself), what to call it, the text.</summary>
/// <param name="Label">The field in plain words, e.g. "stage Book › pain" or "persona › goal".</param>
public sealed record DocumentText(string? ElementId, string Label, string Text);

/// <summary>Every text field of every kind of document, each named so a search result can say where it was found.</summary>
public static class DocumentTexts
{
    public static IEnumerable<DocumentText> Of(IDocument document) => document switch
    {
        Journey journey => OfJourney(journey),
        Persona persona => OfPersona(persona),
        ValueGapMap map => OfValueGap(map),
        _ => [],
    };

    private static IEnumerable<DocumentText> OfJourney(Journey journey)
    {
        var texts = new List<DocumentText>();
        Add(texts, null, "title", journey.Title);
        Add(texts, null, "business goal", journey.BusinessGoal);
        Add(texts, null, "scenario", journey.Scenario);
        Add(texts, null, "description", journey.AccessibleDescription);
        var stageNames = journey.Stages.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        foreach (var stage in journey.Stages)
        {
            var label = $"stage {stage.Name}";
            Add(texts, stage.Id, "stage", stage.Name);
            Add(texts, stage.Id, label + " › goal", stage.Goal);
            Add(texts, stage.Id, label + " › description", stage.Description);
            foreach (var step in stage.Steps)
            {
                Add(texts, step.Id, label + " › step", step.Name);
            }
        }

        foreach (var lane in journey.Lanes)
        {
            var word = lane.KindOf().ItemWord;
            foreach (var item in lane.Items)
            {
                var label = $"stage {stageNames.GetValueOrDefault(item.Stage, item.Stage)} › {word}";
                Add(texts, item.Id, label, item.Text);
                Add(texts, item.Id, label + " metric", item.Metric);
                Add(texts, item.Id, label + " target", item.Target);
                Add(texts, item.Id, label + " actual", item.Actual);
                Add(texts, item.Id, label + " image", item.Alt);
                Comments(texts, item.Id, label + " › ", item.Comments);
            }
        }

        Evidence(texts, journey.Evidence);
        Comments(texts, null, "", journey.Comments);
        return texts;
    }

    private static IEnumerable<DocumentText> OfPersona(Persona persona)
    {
        var texts = new List<DocumentText>();
        Add(texts, null, "title", persona.Title);
        Add(texts, null, "name", persona.Name);
        Add(texts, null, "role", persona.Role);
        Add(texts, null, "quote", persona.Quote);
        Add(texts, null, "story", persona.Story);
        Add(texts, null, "segment", persona.Segment);
        if (persona.Demographics is { } d)
        {
            Add(texts, null, "age", d.AgeRange);
            Add(texts, null, "gender", d.Gender);
            Add(texts, null, "location", d.Location);
            Add(texts, null, "occupation", d.Occupation);
            Add(texts, null, "income", d.Income);
            foreach (var (key, value) in d.Other)
            {
                Add(texts, null, key, value);
            }
        }

        Traits(texts, "goal", persona.Goals);
        foreach (var need in persona.Needs)
        {
            Add(texts, need.Id, "need", need.Text);
        }

        foreach (var job in persona.Jobs)
        {
            Add(texts, job.Id, "job to be done", $"When {job.When}, I want {job.Want}, so {job.SoThat}");
        }

        Traits(texts, "motivation", persona.Motivations);
        Traits(texts, "pain", persona.Pains);
        Traits(texts, "gain", persona.Gains);
        Traits(texts, "behaviour", persona.Behaviours);
        foreach (var attitude in persona.CompetitorAttitudes)
        {
            Add(texts, attitude.Id, $"attitude to {attitude.Competitor}", attitude.Attitude);
        }

        if (persona.EmpathyMap is { } empathy)
        {
            Traits(texts, "says", empathy.Says);
            Traits(texts, "thinks", empathy.Thinks);
            Traits(texts, "does", empathy.Does);
            Traits(texts, "feels", empathy.Feels);
        }

        Evidence(texts, persona.Evidence);
        Comments(texts, null, "", persona.Comments);
        return texts;
    }

    private static IEnumerable<DocumentText> OfValueGap(ValueGapMap map)
    {
        var texts = new List<DocumentText>();
        Add(texts, null, "title", map.Title);
        foreach (var need in map.Needs)
        {
            Add(texts, need.Id, "need", need.Text);
        }

        Evidence(texts, map.Evidence);
        Comments(texts, null, "", map.Comments);
        return texts;
    }

    private static void Traits(List<DocumentText> texts, string label, IEnumerable<Trait> traits)
    {
        foreach (var trait in traits)
        {
            Add(texts, trait.Id, label, trait.Text);
        }
    }

    private static void Evidence(List<DocumentText> texts, IEnumerable<EvidenceLink> evidence)
    {
        foreach (var link in evidence)
        {
            Add(texts, null, "evidence", link.Title);
        }
    }

    private static void Comments(List<DocumentText> texts, string? elementId, string prefix, IEnumerable<Comment> comments)
    {
        foreach (var comment in comments)
        {
            Add(texts, elementId, $"{prefix}note by {comment.Author}", comment.Text);
        }
    }

    private static void Add(List<DocumentText> texts, string? elementId, string label, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            texts.Add(new DocumentText(elementId, label, text));
        }
    }
}

namespace Wayfinder.App.Templates;

using System.Text.Json;
using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;

/// <summary>
/// A template's sample made into a clean start: a new document carries the user's names, none of the template's
/// sample statuses, owners, actuals or comments, no template tag, and counts as reviewed on the day it is made.
/// </summary>
public static partial class TemplateStarts
{
    /// <summary>The tag templates carry so the catalog can be told apart from a team's documents.</summary>
    public const string TemplateTag = "template";

    /// <summary>The persona's name from the title ("Ana, the budget traveller" → Ana), else from the id (ana → Ana).</summary>
    public static string NameFrom(string id, string? title)
    {
        var name = title is null ? "" : NameSeparator().Split(title, 2)[0].Trim();
        return name.Length > 0 ? name : DocumentCreationService.Humanize(id).Split(' ')[0];
    }

    /// <summary>The template's persona under <paramref name="name"/>: every mention of the sample name becomes it.</summary>
    public static Persona Persona(Persona template, string name, DateOnly today)
    {
        var renamed = template.Name is { Length: > 0 } sample && sample != name ? Rename(template, sample, name) : template;
        return renamed with
        {
            Name = name,
            Initials = null,
            Tags = Untagged(renamed.Tags),
            Review = new Review { LastReviewed = today, CadenceDays = template.Review?.CadenceDays },
            Comments = [],
        };
    }

    /// <summary>The template's journey without its sample statuses, owners of opportunities, KPI actuals, scores and comments.</summary>
    public static Journey Journey(Journey template, DateOnly today) => template with
    {
        Tags = Untagged(template.Tags),
        Review = new Review { LastReviewed = today, CadenceDays = template.Review?.CadenceDays },
        Comments = [],
        Lanes = [.. template.Lanes.Select(lane => lane with { Items = [.. lane.Items.Select(CleanItem)] })],
    };

    /// <summary>
    /// A value gap map that starts from the persona's needs (with their importance) and the workspace's competitors,
    /// unrated; the template's example needs only when the persona has none.
    /// </summary>
    public static ValueGapMap ValueGap(ValueGapMap template, Workspace workspace, DateOnly today)
    {
        var persona = workspace.FindPersona(template.Persona);
        var needs = persona is { Needs.Count: > 0 }
            ? [.. persona.Needs.Select(n => new ValueNeed { Id = n.Id, Text = n.Text, Importance = n.Importance, Ours = template.Needs.Count > 0 ? template.Needs[0].Ours : 3 })]
            : template.Needs;
        return template with
        {
            Tags = Untagged(template.Tags),
            Competitors = [.. workspace.Config.Competitors.Select(c => c.Id)],
            Needs = needs,
            Review = new Review { LastReviewed = today, CadenceDays = template.Review?.CadenceDays },
        };
    }

    private static LaneItem CleanItem(LaneItem item) => item with
    {
        OpportunityStatus = null,
        Owner = item.OpportunityStatus is null ? item.Owner : null,
        CustomerValue = null,
        BusinessValue = null,
        Effort = null,
        Actual = null,
        Status = null,
        Comments = [],
    };

    private static List<string> Untagged(List<string> tags) => [.. tags.Where(t => t != TemplateTag)];

    /// <summary>Every whole-word mention of <paramref name="sample"/> in the document's text, replaced by <paramref name="name"/>.</summary>
    private static Persona Rename(Persona persona, string sample, string name)
    {
        // The JSON form holds every text of the persona as a string literal, so the name goes in escaped for one.
        var json = DocumentJson.Write(persona);
        var escaped = JsonEncodedText.Encode(name).ToString();
        var replaced = Regex.Replace(json, $@"\b{Regex.Escape(sample)}\b", escaped.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.None, TimeSpan.FromSeconds(1));
        return DocumentJson.Read<Persona>(replaced) ?? persona;
    }

    [GeneratedRegex(@",|\s[-–—]\s")]
    private static partial Regex NameSeparator();
}

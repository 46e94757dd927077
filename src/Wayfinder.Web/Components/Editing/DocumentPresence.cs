namespace Wayfinder.Web.Components.Editing;

using System.Text;
using Wayfinder.Web.Live;

/// <summary>Someone else on the same document: who, how they are drawn (initials on a colour of their own), and what they have selected.</summary>
/// <param name="User">Their user name; null for a visitor not signed in.</param>
/// <param name="Initials">One or two letters for the avatar.</param>
/// <param name="Colour">Their colour (Okabe–Ito), the same for them on every page and server: avatar and selection outline.</param>
/// <param name="Ink">The text colour that reads on <paramref name="Colour"/> (WCAG AA).</param>
/// <param name="Selection">The element id they have selected, when they have one.</param>
public sealed record PresentPerson(string? User, string Initials, string Colour, string Ink, string? Selection)
{
    /// <summary>How a person is named on the page.</summary>
    public string Name => User ?? "A visitor";
}

/// <summary>
/// This page's place among a document's viewers: publishes that it views the document and what it has selected (through
/// the live layer, so the API's clients and the other server processes hear it too), lists the others, and leaves.
/// </summary>
public sealed partial class DocumentPresence(LiveWorkspaceEvents events, WorkspacePresence presence, string connection, string workspace, string kind, string id, string? user)
{
    /// <summary>The Okabe–Ito palette (without black, kept for text), each with the text colour that reads on it.</summary>
    private static readonly (string Colour, string Ink)[] s_palette =
    [
        ("#E69F00", "#000000"), ("#56B4E9", "#000000"), ("#009E73", "#000000"), ("#F0E442", "#000000"),
        ("#0072B2", "#ffffff"), ("#D55E00", "#000000"), ("#CC79A7", "#000000"),
    ];

    public string Workspace => workspace;

    /// <summary>Views the document with <paramref name="selection"/> selected (an element id, or null).</summary>
    public Task ViewAsync(string? selection, CancellationToken cancellationToken = default) =>
        events.ViewAsync(connection, workspace, user, kind, id, cancellationToken, selection);

    /// <summary>Stops viewing the document (not one this connection went on to since).</summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default) => events.LeaveAsync(connection, workspace, kind, id, cancellationToken);

    /// <summary>The others viewing the document (not this person), in the order they came, coloured by <see cref="Colour"/>.</summary>
    public IReadOnlyList<PresentPerson> Others() =>
        [.. Colour(presence.In(workspace).Where(v => v.DocumentKind == kind && v.DocumentId == id).Select(v => (v.User, v.Selection)).ToList()).Where(p => p.User != user)];

    /// <summary>
    /// Everyone on a document (in the order they came, this person too), each in their own colour (<see cref="Person"/>),
    /// or the next one nobody before them has while there are colours left: everybody's page works this out from the same
    /// list, so a person has the same colour on every screen and, up to seven people, nobody shares one.
    /// </summary>
    public static IReadOnlyList<PresentPerson> Colour(IReadOnlyList<(string? User, string? Selection)> viewers)
    {
        var taken = new HashSet<int>();
        var people = new List<PresentPerson>(viewers.Count);
        foreach (var (viewer, selection) in viewers)
        {
            var index = ColourIndex(viewer);
            for (var tries = 0; tries < s_palette.Length && taken.Contains(index); tries++)
            {
                index = (index + 1) % s_palette.Length;
            }

            taken.Add(index);
            var (colour, ink) = s_palette[index];
            people.Add(new PresentPerson(viewer, InitialsOf(viewer), colour, ink, selection));
        }

        return people;
    }

    /// <summary>How <paramref name="user"/> is drawn, with <paramref name="selection"/>.</summary>
    public static PresentPerson Person(string? user, string? selection = null)
    {
        var (colour, ink) = s_palette[ColourIndex(user)];
        return new PresentPerson(user, InitialsOf(user), colour, ink, selection);
    }

    /// <summary>Whether an element id can go into the outline's CSS selector as it is (ids are slugs; anything else is not outlined).</summary>
    public static bool CanOutline(string elementId) => SafeId().IsMatch(elementId);

    /// <summary>"alex-morgan" is AM, "editor-2" E2, "sam" S; a visitor ?.</summary>
    public static string InitialsOf(string? user)
    {
        var words = NonWord().Split(user ?? "").Where(w => w.Length > 0).ToArray();
        return words.Length switch
        {
            0 => "?",
            1 => char.ToUpperInvariant(words[0][0]).ToString(),
            _ => string.Concat(char.ToUpperInvariant(words[0][0]), char.ToUpperInvariant(words[1][0])),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,200}$")]
    private static partial System.Text.RegularExpressions.Regex SafeId();

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex NonWord();

    /// <summary>A person's place in the palette: FNV-1a of the name, so it is the same on every process (string hashes are not).</summary>
    private static int ColourIndex(string? user)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(user ?? ""))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)s_palette.Length);
    }
}

/// <summary>The id of the Blazor circuit (one browser tab) this scope belongs to: the page's connection among a document's viewers.</summary>
public sealed class CircuitConnection(LiveWorkspaceEvents events) : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    /// <summary>The circuit's id; a fresh id outside a circuit (a test).</summary>
    public string Id { get; private set; } = "page-" + Guid.NewGuid().ToString("N");

    public override Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken)
    {
        Id = "circuit-" + circuit.Id;
        return Task.CompletedTask;
    }

    /// <summary>A tab closed without its pages leaving: it leaves every document it viewed.</summary>
    public override Task OnCircuitClosedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken cancellationToken) =>
        events.DisconnectedAsync(Id, cancellationToken);
}

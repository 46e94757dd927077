namespace Wayfinder.Web.Tests.Editing;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Components.Editing;
using Wayfinder.Web.Live;

/// <summary>Presence with selections through the real live layer: what one page publishes, another lists; the event carries the selection.</summary>
public sealed class DocumentPresenceTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AnotherPageSeesWhoIsHereAndWhatTheySelectedUntilTheyLeave()
    {
        var ana = Open("circuit-ana", "ana");
        var ben = Open("circuit-ben", "ben");
        var heard = new List<WorkspaceEvent>();
        using var subscription = _server.Services.GetRequiredService<WorkspaceEventBus>().Subscribe("demo", e =>
        {
            lock (heard)
            {
                heard.Add(e);
            }

            return Task.CompletedTask;
        });

        await ana.ViewAsync("stage-book");
        await ben.ViewAsync(null);
        // ana and ben hash to the same colour (#E69F00); ben came second, so he takes the next one.
        Assert.Equal([new PresentPerson("ana", "A", "#E69F00", "#000000", "stage-book")], ben.Others());
        Assert.Equal([new PresentPerson("ben", "B", "#56B4E9", "#000000", null)], ana.Others());

        await ana.ViewAsync("stage-plan");
        await ana.ViewAsync("stage-plan");
        Assert.Equal("stage-plan", Assert.Single(ben.Others()).Selection);

        await ana.LeaveAsync();
        Assert.Empty(ben.Others());
        Assert.Equal(
            [
                ("viewing", "ana", "stage-book"),
                ("viewing", "ben", null),
                ("viewing", "ana", "stage-plan"),
                ("left", "ana", null),
            ],
            heard.Select(e => (e.Type, e.Actor, e.Selection)));
    }

    [Fact]
    public async Task LeavingAfterGoingOnToAnotherDocumentLeavesThatOneAlone()
    {
        var events = _server.Services.GetRequiredService<LiveWorkspaceEvents>();
        var presence = _server.Services.GetRequiredService<WorkspacePresence>();
        var first = new DocumentPresence(events, presence, "circuit-1", "demo", "journey", "first-flight", "ana");
        var second = new DocumentPresence(events, presence, "circuit-1", "demo", "persona", "business-traveller", "ana");

        await first.ViewAsync(null);
        await second.ViewAsync("need-1");
        await first.LeaveAsync();

        var viewer = Assert.Single(presence.In("demo"));
        Assert.Equal(("persona", "business-traveller", "need-1"), (viewer.DocumentKind, viewer.DocumentId, viewer.Selection));
    }

    [Fact]
    public void ASelectionTravelsAsJsonOnlyWhenThereIsOne()
    {
        var plain = new LiveMessage("o", LiveMessage.EventKind, new WorkspaceEvent("demo", "viewing", "ana", "journey", "j"), "c");
        var selected = plain with { Event = plain.Event! with { Selection = "stage-book" } };

        Assert.Equal("""{"origin":"o","kind":"event","event":{"workspace":"demo","type":"viewing","actor":"ana","document_kind":"journey","document_id":"j"},"connection":"c","replay":false}""", plain.ToPayload());
        Assert.Equal("stage-book", LiveMessage.FromPayload(selected.ToPayload()!)!.Event!.Selection);
    }

    [Theory]
    [InlineData("alex-morgan", "AM")]
    [InlineData("editor-2", "E2")]
    [InlineData("sam", "S")]
    [InlineData("émile zola", "ÉZ")]
    [InlineData(null, "?")]
    public void InitialsComeFromTheFirstTwoWordsOfTheName(string? user, string initials) =>
        Assert.Equal(initials, DocumentPresence.InitialsOf(user));

    private DocumentPresence Open(string connection, string user) => new(
        _server.Services.GetRequiredService<LiveWorkspaceEvents>(), _server.Services.GetRequiredService<WorkspacePresence>(), connection, "demo", "journey", "first-flight", user);
}

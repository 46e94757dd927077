namespace Wayfinder.Browser.Tests.Personas;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Workspaces;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Documents copied, deleted and re-set under an open page in a real browser: Duplicate on a map (for another persona)
/// and a persona; the pages open on a document someone deletes; a map redrawn when the settings change. A class of its
/// own: its sign-ins would pass the server's ten a minute with <see cref="PersonaPagesTests"/>'.
/// </summary>
public sealed class DocumentLifecycleTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task An_owner_deletes_a_workspace_after_typing_its_id_and_it_is_gone()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Owner, workspace: "scratch");
        await app.SaveDocumentAsync(new Persona { Id = "temp", Title = "Temp" }, workspace: "scratch");
        await b.GoToAsync("/w/scratch/settings");
        var delete = b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete workspace" });
        await Expect(delete).ToBeDisabledAsync();
        await b.Page.GetByLabel("Type the workspace's id, scratch, to confirm").FillAsync("scratc");
        await Expect(delete).ToBeDisabledAsync();
        await b.Page.GetByLabel("Type the workspace's id, scratch, to confirm").FillAsync("scratch");
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("settings-delete-workspace");
        await delete.ClickAsync();

        await b.ExpectAtAsync("/");
        await Expect(b.Page.Locator(".notice-success")).ToHaveTextAsync("The workspace “scratch” was deleted.");
        await Expect(b.Page.Locator(".workspace-card", new() { HasTextString = "scratch" })).ToHaveCountAsync(0);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("scratch", CancellationToken.None));
    }

    [Fact]
    public async Task An_open_map_redraws_when_an_owner_renames_a_channel_it_uses()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        await b.GoToAsync("/w/demo/journeys/first-flight");
        var airport = b.Page.Locator(".map-viewport svg text", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Airport$") });
        await Expect(airport).ToHaveCountAsync(4);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<WorkspaceSettings>();
            var text = (await settings.ReadAsync("demo"))!;
            var renamed = text.Replace("  - id: airport\n    name: Airport\n", "  - id: airport\n    name: Terminal\n", StringComparison.Ordinal);
            Assert.NotEqual(text, renamed);
            var (owner, _) = await app.UserAsync(WorkspaceRole.Owner);
            var saved = await settings.SaveAsync("demo", renamed, WorkspaceSettings.Version(text), owner);
            Assert.Equal(SettingsOutcome.Saved, saved.Outcome);
        }

        await Expect(b.Page.Locator(".map-viewport svg text", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Terminal$") })).ToHaveCountAsync(4);
        await Expect(airport).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_page_open_on_a_document_someone_deletes_says_who_deleted_it()
    {
        await SaveAsync(new Persona { Id = "gone-soon", Title = "Gone soon" });
        await SaveAsync(new Journey { Id = "gone-map", Title = "Gone map", Stages = [new Stage { Id = "book", Name = "Book" }] });
        var (deleter, _) = await app.UserAsync(WorkspaceRole.Editor, name: "cleo");
        await using var persona = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        await using var map = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        await persona.GoToAsync("/w/demo/personas/gone-soon");
        await map.GoToAsync("/w/demo/journeys/gone-map");
        await Expect(persona.Page.Locator("#persona-name")).ToBeVisibleAsync();
        await Expect(map.Page.Locator(".map-viewport svg")).ToHaveCountAsync(1);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var pages = scope.ServiceProvider.GetRequiredService<PageDocuments>();
            var personaRevision = (await ReadAsync(w => w.FindPersona("gone-soon")))!.Revision;
            var mapRevision = (await ReadAsync(w => w.FindJourney("gone-map")))!.Revision;
            var personaGone = await pages.DeleteAsync("demo", DocumentKind.Persona, "gone-soon", personaRevision, deleter);
            var mapGone = await pages.DeleteAsync("demo", DocumentKind.Journey, "gone-map", mapRevision, deleter);
            Assert.True(personaGone.Succeeded, personaGone.Problem);
            Assert.True(mapGone.Succeeded, mapGone.Problem);
        }

        await Expect(persona.Page.Locator(".notice-warning", new() { HasTextString = "deleted" })).ToHaveTextAsync(
            "cleo deleted this persona. This page shows its last version; it is no longer in the workspace.");
        await Expect(map.Page.Locator(".notice-warning", new() { HasTextString = "deleted" })).ToHaveTextAsync(
            "cleo deleted this journey map. This page shows its last version; it is no longer in the workspace.");
        await map.ScreenshotAsync("map-deleted-meanwhile");

        // An editor brings the persona back from Recently deleted: the page open on it shows it again, without the notice.
        await using var editor = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await editor.GoToAsync("/w/demo/deleted");
        await Expect(editor.Page.Locator("tr[data-document=gone-soon] td").First).ToContainTextAsync("Gone soon");
        await Expect(editor.Page.Locator("tr[data-document=gone-map] td").Nth(2)).ToContainTextAsync("by cleo");
        await editor.AssertAccessibleAsync();
        await editor.ScreenshotAsync("recently-deleted");
        await editor.Page.GetByRole(AriaRole.Button, new() { Name = "Bring back Gone soon" }).ClickAsync();
        await editor.ExpectAtAsync("/w/demo/personas/gone-soon");
        await Expect(persona.Page.Locator(".notice-warning", new() { HasTextString = "deleted" })).ToHaveCountAsync(0);
        Assert.Equal("Gone soon", (await ReadAsync(w => w.FindPersona("gone-soon")))!.Title);
    }

    [Fact]
    public async Task A_journey_is_duplicated_for_another_persona_and_a_persona_under_the_id_typed()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);

        await b.GoToAsync("/w/demo/journeys/airport-check-in");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Duplicate" }).ClickAsync();
        var dialog = b.Page.Locator(".duplicate-dialog");

        // The dialog moves the focus to its first field once it is drawn; typing before that could land in another field.
        await Expect(dialog.GetByLabel("Title")).ToBeFocusedAsync();
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync("Check-in at the airport (detail) (copy)");
        await Expect(dialog.GetByLabel("Id")).ToHaveValueAsync("airport-check-in-copy");
        await dialog.GetByLabel("For persona").SelectOptionAsync("business-traveller");
        await dialog.GetByLabel("Title").FillAsync("Sam checks in");
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("duplicate-journey");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Duplicate journey" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/journeys/airport-check-in-copy");
        var original = (await ReadAsync(w => w.FindJourney("airport-check-in")))!;
        var copy = (await ReadAsync(w => w.FindJourney("airport-check-in-copy")))!;
        Assert.Equal(("Sam checks in", 0), (copy.Title, copy.Revision));
        Assert.Equal(["business-traveller"], copy.Personas);
        Assert.Equal(original.Stages.Select(s => s.Id), copy.Stages.Select(s => s.Id));
        Assert.Equal(original.Lanes.SelectMany(l => l.Items).Select(i => i.Text), copy.Lanes.SelectMany(l => l.Items).Select(i => i.Text));

        // A persona: an id that is taken is refused in words, another is made.
        await b.GoToAsync("/w/demo/personas/travel-manager");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Duplicate" }).ClickAsync();
        await Expect(dialog.GetByLabel("Title")).ToBeFocusedAsync();
        await Expect(dialog.GetByLabel("For persona")).ToHaveCountAsync(0);
        await dialog.GetByLabel("Id").FillAsync("business-traveller");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Duplicate persona" }).ClickAsync();
        await Expect(dialog.Locator(".notice-error")).ToHaveTextAsync("Not duplicated: the workspace already has a persona “business-traveller”. Choose another id.");
        await dialog.GetByLabel("Id").FillAsync("dana-2027");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Duplicate persona" }).ClickAsync();
        await b.ExpectAtAsync("/w/demo/personas/dana-2027");
        var dana = (await ReadAsync(w => w.FindPersona("dana-2027")))!;
        Assert.Equal("Dana, the corporate travel manager (copy)", dana.Title);
        Assert.Equal((await ReadAsync(w => w.FindPersona("travel-manager")))!.Goals.Count, dana.Goals.Count);
    }

    private Task SaveAsync(IDocument document, int? expectedRevision = null) => app.SaveDocumentAsync(document, expectedRevision);

    private Task<T?> ReadAsync<T>(Func<Wayfinder.Core.Workspaces.Workspace, T?> read) => app.ReadWorkspaceAsync(read);
}

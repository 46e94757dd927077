namespace Wayfinder.Web.Tests.Workspaces;

using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Templates;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Web.Access;
using Wayfinder.Web.Components.Home;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Server;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;
using static Wayfinder.Web.Tests.Access.AccessTestKit;

/// <summary>
/// A workspace made on the server (the API's and the web app's New workspace) starts as <c>wayfinder init --empty</c>
/// does; its home names the documents that do not read.
/// </summary>
public sealed class NewWorkspaceTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ANewWorkspaceHasTheStandardChannelsSoTheTemplatesStartsSave()
    {
        var owner = _server.CreateClient();
        await _server.MemberAsync(WorkspaceRole.Owner, password: Password);
        await SignInAsync(owner, "owner");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/workspaces", new { id = "team-cx", name = "Team CX" })).StatusCode);

        await using var scope = _server.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("team-cx", CancellationToken.None))!;
        var (workspace, result) = await repository.LoadAsync();
        Assert.Empty(result.Errors);
        Assert.Equal("Team CX", workspace.Config.Name);
        Assert.Equal(
            ["web", "app", "email", "sms", "chat", "search", "video", "social", "ads", "phone", "agent", "event", "store", "branch", "clinic", "airport", "kiosk", "mail"],
            workspace.Config.Channels.Select(c => c.Id));
        Assert.Equal(WorkspaceSeeds.Empty("Team CX")["wayfinder.yaml"], workspace.ConfigText);

        // Every persona template, and the default journey template for one of them, saves through the web app's checks
        // (before, the workspace had no channels and each was refused for naming one).
        var creation = scope.ServiceProvider.GetRequiredService<DocumentCreationService>();
        var pages = scope.ServiceProvider.GetRequiredService<PageDocuments>();
        foreach (var template in TemplateCatalog.Personas)
        {
            var saved = await pages.SaveAsync("team-cx", creation.NewPersona($"p-{template.Id}", template.Id, null), null, "owner", "created");
            Assert.True(saved.Succeeded, $"persona template {template.Id}: {saved.Problem}");
        }

        var journey = DocumentCreationService.NewJourney(TemplateCatalog.FindJourney("digital")!, "first", "First", "p-budget-traveller", new DateOnly(2026, 12, 5));
        var journeySaved = await pages.SaveAsync("team-cx", journey, null, "owner", "created");
        Assert.True(journeySaved.Succeeded, journeySaved.Problem);
    }

    [Fact]
    public async Task AWorkspaceAnEarlierServerMadeWithoutSettingsGetsThemAndOthersKeepTheirs()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        var demo = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == "demo");
        db.Workspaces.Add(new WorkspaceRow { Id = "old", Name = "Old \"quoted\" team" });
        await db.SaveChangesAsync();

        Assert.Equal(1, await DatabaseSetup.GiveSettingsAsync(db, CancellationToken.None));
        Assert.Equal(0, await DatabaseSetup.GiveSettingsAsync(db, CancellationToken.None));

        var rows = await db.Workspaces.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.ConfigText);
        Assert.Equal(demo.ConfigText, rows["demo"]);
        Assert.Equal(WorkspaceSeeds.Empty("Old \"quoted\" team")["wayfinder.yaml"], rows["old"]);
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("old", CancellationToken.None))!;
        var (workspace, result) = await repository.LoadAsync();
        Assert.Empty(result.Errors);
        Assert.Equal(("Old \"quoted\" team", 18), (workspace.Config.Name, workspace.Config.Channels.Count));
    }

    [Fact]
    public async Task TheHomeNamesTheDocumentsThatDoNotRead()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;
        await repository.PutFileAsync("personas/broken.yaml", "id: broken\ntitle: [not closed\n");
        await repository.PutFileAsync("journeys/also-broken.yaml", "- a list, not a journey\n");

        var overview = (await WorkspaceOverview.LoadAsync(scope.ServiceProvider, "demo", new DateOnly(2026, 12, 5), 10, CancellationToken.None))!;

        Assert.Equal(["journeys/also-broken.yaml", "personas/broken.yaml"], overview.UnreadableFiles);
        Assert.Equal(3, overview.OfKind(DocumentKind.Persona).Count());
    }
}

namespace Wayfinder.Web.Tests.Documents;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Workspaces;

/// <summary>
/// The web app's delete (<see cref="PageDocuments.DeleteAsync"/>) checks again, as it deletes, that no document names the
/// one deleted: the dialog looked when it opened, and a save since may have named it.
/// </summary>
public sealed class PageDeleteTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AMapNamedSinceTheDialogOpenedIsNotDeletedAndTheRefusalSaysWhoNamesIt()
    {
        await _server.MemberAsync(WorkspaceRole.Editor);
        await using var scope = _server.Services.CreateAsyncScope();
        var pages = scope.ServiceProvider.GetRequiredService<PageDocuments>();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;

        // Nothing names corporate-programme when the dialog opens (revision 1); then a stage of first-flight opens it.
        var firstFlight = (await repository.LoadAsync()).Workspace.FindJourney("first-flight")!;
        var linked = firstFlight with { Stages = [.. firstFlight.Stages.Select((s, i) => i == 0 ? s with { SubJourney = "corporate-programme" } : s)] };
        Assert.True((await pages.SaveAsync("demo", linked, firstFlight.Revision, "editor")).Succeeded);

        var refused = await pages.DeleteAsync("demo", DocumentKind.Journey, "corporate-programme", 1, "editor");

        Assert.False(refused.Succeeded);
        Assert.Equal(
            "journey \"first-flight\" (journeys/first-flight.yaml) still names it and would be refused at its next save; take it off that document (or delete that too) first",
            refused.Problem);
        Assert.Equal(1, (await repository.ReadAsync(DocumentKind.Journey, "corporate-programme"))!.Revision);

        // Taken off again, it is deleted.
        var again = (await repository.LoadAsync()).Workspace.FindJourney("first-flight")!;
        Assert.True((await pages.SaveAsync("demo", again with { Stages = [.. again.Stages.Select((s, i) => i == 0 ? s with { SubJourney = null } : s)] }, again.Revision, "editor")).Succeeded);
        Assert.True((await pages.DeleteAsync("demo", DocumentKind.Journey, "corporate-programme", 1, "editor")).Succeeded);
        Assert.Null(await repository.ReadAsync(DocumentKind.Journey, "corporate-programme"));
    }
}

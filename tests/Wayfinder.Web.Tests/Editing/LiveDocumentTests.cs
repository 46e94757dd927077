namespace Wayfinder.Web.Tests.Editing;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Components.Editing;
using Wayfinder.Web.Live;
using Wayfinder.Web.Workspaces;

/// <summary>
/// Two people editing the demo's first-flight journey at once, each through a <see cref="LiveDocument{T}"/> as their
/// editor page holds it, against the real server (SQLite, the save checks, the live event bus). The "cells" are the items
/// of the journey's first lane (actions): item 0 is in stage plan, item 1 in stage book.
/// </summary>
public sealed class LiveDocumentTests : IDisposable
{
    private const string Journey = "first-flight";
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task DifferentCellsEditedByTwoPeopleAreBothKept()
    {
        var (original, revision) = await ReadStoredAsync();
        using var ana = await OpenAsync("ana");
        using var ben = await OpenAsync("ben");

        EditCell(ana, 0, "Ana: asks friends first");
        await ana.SaveAsync();
        EditCell(ben, 1, "Ben: chooses the flight");
        await ben.SaveAsync();

        var (stored, storedRevision) = await ReadStoredAsync();
        Assert.Equal(revision + 2, storedRevision);
        Assert.Equal("Ana: asks friends first", Cell(stored, 0));
        Assert.Equal("Ben: chooses the flight", Cell(stored, 1));
        Assert.Equal(Cell(original, 2), Cell(stored, 2));
        Assert.Equal(SaveState.Saved, ben.State);
        Assert.Equal(revision + 2, ben.Session.Revision);
        Assert.False(ben.Session.HasUnsavedChanges);
        Assert.Equal("Ana: asks friends first", Cell(ben.Session.Current, 0));
        Assert.Equal("ana", ben.LastMergedFrom);
    }

    [Fact]
    public async Task TheSameCellEditedByBothIsAConflictWithBothValuesAndNothingStoredIsLost()
    {
        var (original, revision) = await ReadStoredAsync();
        using var ana = await OpenAsync("ana");
        using var ben = await OpenAsync("ben");

        EditCell(ana, 0, "Ana's wording");
        await ana.SaveAsync();
        EditCell(ben, 0, "Ben's wording");
        EditCell(ben, 1, "Ben also changed book");
        await ben.SaveAsync();

        // Ben is asked; the page shows Ana's wording and keeps Ben's non-conflicting edit; the store still has Ana's save.
        Assert.Equal(SaveState.Failed, ben.State);
        Assert.Equal("your edits and ana's conflict: choose which to keep", ben.Problem);
        var conflict = Assert.Single(ben.PendingMerge!.Conflicts);
        Assert.Equal(("lane_item", "text", MergeConflictKind.BothChanged), (conflict.Element, conflict.Field, conflict.Kind));
        Assert.Equal((Cell(original, 0), "Ben's wording", "Ana's wording"), (conflict.Base, conflict.Mine, conflict.Theirs));
        Assert.Equal("Ana's wording", Cell(ben.Session.Current, 0));
        Assert.Equal("Ben also changed book", Cell(ben.Session.Current, 1));
        var (stored, storedRevision) = await ReadStoredAsync();
        Assert.Equal((revision + 1, "Ana's wording", Cell(original, 1)), (storedRevision, Cell(stored, 0), Cell(stored, 1)));

        // Ben keeps his: saved on Ana's revision, with his other edit.
        await ben.ResolveAsync(DocumentMerge.ResolveAll(ben.PendingMerge, MergeChoice.Mine));

        (stored, storedRevision) = await ReadStoredAsync();
        Assert.Equal((revision + 2, "Ben's wording", "Ben also changed book"), (storedRevision, Cell(stored, 0), Cell(stored, 1)));
        Assert.Null(ben.PendingMerge);
        Assert.Equal((SaveState.Saved, revision + 2), (ben.State, ben.Session.Revision));
    }

    [Fact]
    public async Task ASaveReachesTheOthersThroughTheEventBusAndAnUnsavedEditSurvives()
    {
        var (_, revision) = await ReadStoredAsync();
        using var ana = await OpenAsync("ana");
        using var ben = await OpenAsync("ben");
        using var cleo = await OpenAsync("cleo");
        var bus = _server.Services.GetRequiredService<WorkspaceEventBus>();
        ben.Listen(bus);
        cleo.Listen(bus);

        EditCell(ben, 1, "Ben, not saved yet");
        EditCell(ana, 0, "Ana saved this");
        await ana.SaveAsync();
        await WhenAsync(ben, () => ben.Session.Revision == revision + 1);
        await WhenAsync(cleo, () => cleo.Session.Revision == revision + 1);

        // Ben: Ana's save merged under his unsaved edit. Cleo, with no edits: the stored document as it is.
        Assert.Equal(("Ana saved this", "Ben, not saved yet", true), (Cell(ben.Session.Current, 0), Cell(ben.Session.Current, 1), ben.Session.HasUnsavedChanges));
        Assert.Equal("ana", ben.LastMergedFrom);
        var (stored, _) = await ReadStoredAsync();
        Assert.True(EditSession<Journey>.SameText(stored, cleo.Session.Current));
        Assert.False(cleo.Session.HasUnsavedChanges);

        await ben.SaveAsync();
        await WhenAsync(cleo, () => cleo.Session.Revision == revision + 2);
        var (after, afterRevision) = await ReadStoredAsync();
        Assert.Equal((revision + 2, "Ana saved this", "Ben, not saved yet"), (afterRevision, Cell(after, 0), Cell(after, 1)));
        Assert.Equal("Ben, not saved yet", Cell(cleo.Session.Current, 1));
    }

    [Fact]
    public async Task ASaveRefusedBecauseSomeoneSavedInBetweenMergesAndSavesAgain()
    {
        var (original, revision) = await ReadStoredAsync();
        using var ben = await OpenAsync("ben");

        // Someone saves through the API meanwhile (a stage renamed); Ben's page has not heard of it.
        var renamed = original with { Stages = [original.Stages[0] with { Name = "Dream" }, .. original.Stages.Skip(1)] };
        var other = await _server.SaveAsync("demo", r => r.SaveAsync(renamed, revision, new App.Documents.SaveInfo("dora")));
        Assert.True(other.Succeeded);
        EditCell(ben, 1, "Ben's edit");
        await ben.SaveAsync();

        var (stored, storedRevision) = await ReadStoredAsync();
        Assert.Equal((revision + 2, "Dream", "Ben's edit"), (storedRevision, stored.Stages[0].Name, Cell(stored, 1)));
        Assert.Equal(("dora", SaveState.Saved, revision + 2), (ben.LastMergedFrom, ben.State, ben.Session.Revision));
        Assert.Equal("Dream", ben.Session.Current.Stages[0].Name);
        await using var scope = _server.Services.CreateAsyncScope();
        var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None);
        var history = (await repository!.HistoryAsync(DocumentKind.Journey, Journey))[0];
        Assert.Equal((revision + 2, "ben"), (history.Revision, history.Author));
    }

    [Fact]
    public async Task ASaveTheChecksRefuseKeepsTheEditsAndSaysWhy()
    {
        var (_, revision) = await ReadStoredAsync();
        using var ben = await OpenAsync("ben");
        var draft = ben.Session.Draft();
        draft.Lanes[0].Items[0] = draft.Lanes[0].Items[0] with { Stage = "no-such-stage" };
        ben.Session.Edit(draft, "move a cell to a stage that is not there");

        await ben.SaveAsync();

        Assert.Equal(SaveState.Failed, ben.State);
        Assert.NotNull(ben.Problem);
        Assert.StartsWith("lanes[0].items[0]", ben.Problem, StringComparison.Ordinal);
        Assert.True(ben.CanRetry);
        Assert.Equal(("no-such-stage", revision, true), (ben.Session.Current.Lanes[0].Items[0].Stage, ben.Session.Revision, ben.Session.HasUnsavedChanges));
        Assert.Equal(revision, (await ReadStoredAsync()).Revision);
    }

    private async Task<LiveDocument<Journey>> OpenAsync(string user)
    {
        await EditorAsync(user);
        var (journey, revision) = await ReadStoredAsync();
        return new LiveDocument<Journey>(new EditSession<Journey>(journey, revision), "demo", user, _server.Services.GetRequiredService<IServiceScopeFactory>());
    }

    /// <summary>Makes <paramref name="user"/> an editor of demo (once): a page saves only for a member who may edit.</summary>
    private async Task EditorAsync(string user, WorkspaceRole role = WorkspaceRole.Editor)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WayfinderUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        var person = await users.FindByNameAsync(user);
        if (person is null)
        {
            person = new WayfinderUser { UserName = user };
            Assert.True((await users.CreateAsync(person)).Succeeded);
        }

        var membership = await db.Set<MembershipRow>().FirstOrDefaultAsync(m => m.WorkspaceId == "demo" && m.UserId == person.Id);
        if (membership is null)
        {
            db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = "demo", UserId = person.Id, Role = role });
        }
        else
        {
            membership.Role = role;
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AnEditorLoweredToViewerWhileTheirPageIsOpenIsRefusedAndKeepsTheEdit()
    {
        var (_, revision) = await ReadStoredAsync();
        using var ana = await OpenAsync("ana");
        await EditorAsync("ana", WorkspaceRole.Viewer);

        EditCell(ana, 0, "Ana: asks friends first");
        await ana.SaveAsync();

        Assert.Equal(SaveState.Failed, ana.State);
        Assert.Equal("changing documents needs the editor role in \"demo\"; ana is viewer now, so nothing was saved", ana.Problem);
        Assert.Equal(("Ana: asks friends first", true), (ana.Session.Current.Lanes[0].Items[0].Text, ana.Session.HasUnsavedChanges));
        Assert.Equal(revision, (await ReadStoredAsync()).Revision);
    }

    private async Task<(Journey Journey, int Revision)> ReadStoredAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None);
        var stored = await repository!.ReadAsync(DocumentKind.Journey, Journey);
        return (DocumentYaml.Read<Journey>(stored!.Text), stored.Revision);
    }

    private static void EditCell(LiveDocument<Journey> live, int item, string text)
    {
        var draft = live.Session.Draft();
        draft.Lanes[0].Items[item] = draft.Lanes[0].Items[item] with { Text = text };
        live.Session.Edit(draft, $"edit cell {item}");
    }

    private static string? Cell(Journey journey, int item) => journey.Lanes[0].Items[item].Text;

    /// <summary>Waits until <paramref name="condition"/> holds after a change of <paramref name="live"/> (the bound only stops a broken test from hanging).</summary>
    private static async Task WhenAsync(LiveDocument<Journey> live, Func<bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Changed += () =>
        {
            if (condition())
            {
                reached.TrySetResult();
            }
        };
        if (!condition())
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

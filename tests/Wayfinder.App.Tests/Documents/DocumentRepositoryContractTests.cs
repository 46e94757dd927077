namespace Wayfinder.App.Tests.Documents;

using Wayfinder.App.Documents;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;

/// <summary>
/// What every document repository must do: the folder and the memory repositories here, the server's EF Core one
/// later. Each test starts from an empty workspace made by <see cref="CreateEmpty"/>.
/// </summary>
public abstract class DocumentRepositoryContractTests
{
    protected const string Config = "name: Contract\n";

    /// <summary>A repository over an empty workspace whose config is <see cref="Config"/>.</summary>
    protected abstract IDocumentRepository CreateEmpty();

    protected static Persona Maya(string title = "Maya") => TemplateCatalog.Personas.First(t => t.Id == "first-time-flyer").Create("maya", title);

    protected static Journey Booking() => TemplateCatalog.Journeys.First(t => t.Id == "airline-first-flight").Create("booking", "Booking");

    [Fact]
    public async Task SaveThenReadGivesBackTheBytesSaved()
    {
        var repository = CreateEmpty();
        var saved = await repository.SaveAsync(Booking(), expectedRevision: null);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        var read = await repository.ReadAsync(DocumentKind.Journey, "booking");
        Assert.NotNull(read);
        Assert.Equal(saved.Document!.Text, read.Text);
        Assert.Equal("journeys/booking.yaml", read.File);
        Assert.StartsWith("# yaml-language-server: $schema=../.wayfinder/schemas/journey.schema.json\n", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewDocumentKeepsItsRevisionAndEachUpdateTakesTheNext()
    {
        var repository = CreateEmpty();
        var created = await repository.SaveAsync(Maya(), expectedRevision: null);
        var first = await repository.SaveAsync(Maya("Maya, the first-time flyer"), expectedRevision: 0);
        var second = await repository.SaveAsync(Maya("Maya again"), expectedRevision: 1);

        Assert.Equal([0, 1, 2], new[] { created, first, second }.Select(s => s.Document!.Revision));
        var read = await repository.ReadAsync(DocumentKind.Persona, "maya");
        Assert.Equal(2, read!.Revision);
        Assert.Contains("title: Maya again\n", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASaveOnAStaleRevisionIsRefusedAndChangesNothing()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null);
        var theirs = await repository.SaveAsync(Maya("Their title"), expectedRevision: 0, new SaveInfo("ana", "renamed"));
        var before = await repository.ReadAsync(DocumentKind.Persona, "maya");

        var mine = await repository.SaveAsync(Maya("My title"), expectedRevision: 0, new SaveInfo("ben"));

        Assert.Equal(SaveOutcome.Conflict, mine.Outcome);
        Assert.Equal(0, mine.ExpectedRevision);
        Assert.Equal(1, mine.ActualRevision);
        Assert.Equal(theirs.Document!.Text, (await repository.ReadAsync(DocumentKind.Persona, "maya"))!.Text);
        Assert.Equal(before!.Text, (await repository.ReadAsync(DocumentKind.Persona, "maya"))!.Text);
    }

    [Fact]
    public async Task CreatingADocumentThatExistsIsAConflict()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null);

        var again = await repository.SaveAsync(Maya("Another Maya"), expectedRevision: null);

        Assert.Equal(SaveOutcome.Conflict, again.Outcome);
        Assert.Null(again.ExpectedRevision);
        Assert.Equal(0, again.ActualRevision);
        Assert.Equal("a document with that id exists already (revision 0)", again.Message);
    }

    [Fact]
    public async Task UpdatingADocumentThatDoesNotExistIsAConflict()
    {
        var repository = CreateEmpty();

        var update = await repository.SaveAsync(Maya(), expectedRevision: 3);

        Assert.Equal(SaveOutcome.Conflict, update.Outcome);
        Assert.Null(update.ActualRevision);
        Assert.Null(await repository.ReadAsync(DocumentKind.Persona, "maya"));
    }

    [Fact]
    public async Task DeleteNeedsTheCurrentRevision()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null);
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0);

        var stale = await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 0);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.NotNull(await repository.ReadAsync(DocumentKind.Persona, "maya"));

        var deleted = await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 1);
        Assert.Equal(SaveOutcome.Deleted, deleted.Outcome);
        Assert.Null(await repository.ReadAsync(DocumentKind.Persona, "maya"));
        Assert.Equal(SaveOutcome.NotFound, (await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 1)).Outcome);
    }

    [Fact]
    public async Task ListAndLoadShowEverySavedDocument()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Booking(), expectedRevision: null);
        await repository.SaveAsync(Maya(), expectedRevision: null);

        var entries = await repository.ListAsync();
        var (workspace, result) = await repository.LoadAsync();

        Assert.Equal(["persona maya personas/maya.yaml 0", "journey booking journeys/booking.yaml 0"],
            entries.Select(e => $"{e.Kind.ToString().ToLowerInvariant()} {e.Id} {e.File} {e.Revision}"));
        Assert.Equal("Contract", workspace.Config.Name);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("Booking", workspace.FindJourney("booking")!.Title);
    }

    [Fact]
    public async Task AStoredDocumentIsTheTextTheFilesHold()
    {
        // The same document saved anywhere is the same bytes: the schema line, then the YAML the CLI has always written.
        var repository = CreateEmpty();

        var saved = await repository.SaveAsync(Booking(), expectedRevision: null);

        var stored = DocumentYaml.Read<Journey>(saved.Document!.Text);
        Assert.Equal(SchemaFiles.DocumentText(stored, "journeys/booking.yaml"), saved.Document.Text);
    }

    [Fact]
    public async Task EveryElementGetsAnIdOnTheFirstSaveAndKeepsItOnTheNext()
    {
        var repository = CreateEmpty();
        var first = await repository.SaveAsync(Booking(), expectedRevision: null);
        var stored = DocumentYaml.Read<Journey>(first.Document!.Text);

        // Edit one item's text: its id stays; a new item without an id gets a fresh one.
        var lane = stored.Lanes.First(l => l.Type == LaneType.PainPoints);
        var edited = stored with
        {
            Lanes = [.. stored.Lanes.Select(l => l != lane ? l : l with
            {
                Items = [l.Items[0] with { Text = "Completely different words" }, .. l.Items.Skip(1), new LaneItem { Stage = l.Items[0].Stage, Text = "Hidden fees at checkout" }],
            })],
        };
        var second = await repository.SaveAsync(edited, expectedRevision: 0);
        var again = DocumentYaml.Read<Journey>(second.Document!.Text);

        Assert.All(ElementIds.List(stored), e => Assert.False(string.IsNullOrEmpty(e.Id)));
        Assert.Subset(ElementIds.List(again).Select(e => e.Id).ToHashSet(), ElementIds.List(stored).Select(e => e.Id).ToHashSet());
        Assert.Equal(ElementIds.List(stored).Count + 1, ElementIds.List(again).Count);
        var secondLane = again.Lanes.First(l => l.Type == LaneType.PainPoints);
        Assert.Equal(lane.Items[0].Id, secondLane.Items[0].Id);
        Assert.Equal("pain-plan-hidden-fees-checkout", secondLane.Items[^1].Id);
        Assert.Equal(ElementIds.List(again).Count, ElementIds.List(again).Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task AFileWithoutIdsStillLoadsAndGetsIdsWhenSaved()
    {
        var repository = CreateEmpty();
        var text = DocumentYaml.Write(Maya());
        Assert.DoesNotContain("- id: goal-", text, StringComparison.Ordinal);
        PutFile(repository, "personas/maya.yaml", text);

        var read = await repository.ReadAsync(DocumentKind.Persona, "maya");
        var saved = await repository.SaveAsync(DocumentYaml.Read<Persona>(read!.Text), expectedRevision: 0);

        Assert.Equal(text, read.Text);
        Assert.All(DocumentYaml.Read<Persona>(saved.Document!.Text).Goals, g => Assert.StartsWith("goal-", g.Id, StringComparison.Ordinal));
    }

    /// <summary>Puts a file's text into the store as a user or another tool would have left it.</summary>
    protected abstract void PutFile(IDocumentRepository repository, string path, string text);
}

public sealed class FolderDocumentRepositoryTests : DocumentRepositoryContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wayfinder-repo-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    protected override IDocumentRepository CreateEmpty()
    {
        File.WriteAllText(Path.Combine(_root, "wayfinder.yaml"), Config);
        return new FolderDocumentRepository(_root);
    }

    protected override void PutFile(IDocumentRepository repository, string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, path))!);
        File.WriteAllText(Path.Combine(_root, path), text);
    }

    [Fact]
    public async Task TheFileOnDiskHoldsExactlyTheStoredText()
    {
        var repository = CreateEmpty();
        var saved = await repository.SaveAsync(Booking(), expectedRevision: null);

        Assert.Equal(saved.Document!.Text, File.ReadAllText(Path.Combine(_root, "journeys", "booking.yaml")));
        Assert.True(File.Exists(Path.Combine(_root, ".wayfinder", "schemas", "journey.schema.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "journeys"), "*.saving"));
    }

    [Fact]
    public async Task AFileThatDoesNotParseIsNeverOverwritten()
    {
        var repository = CreateEmpty();
        Directory.CreateDirectory(Path.Combine(_root, "personas"));
        File.WriteAllText(Path.Combine(_root, "personas", "maya.yaml"), "kind: persona\nid: maya\ntitle: [unclosed\n");

        var saved = await repository.SaveAsync(Maya(), expectedRevision: null);

        Assert.Equal(SaveOutcome.Conflict, saved.Outcome);
        Assert.Equal("kind: persona\nid: maya\ntitle: [unclosed\n", File.ReadAllText(Path.Combine(_root, "personas", "maya.yaml")));
    }

    [Fact]
    public async Task AFolderKeepsNoHistoryBeyondTheCurrentRevision()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null);
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0);

        var history = await repository.HistoryAsync(DocumentKind.Persona, "maya");

        Assert.Equal([1], history.Select(h => h.Revision));
    }
}

public sealed class MemoryDocumentRepositoryTests : DocumentRepositoryContractTests
{
    protected override IDocumentRepository CreateEmpty() => new MemoryDocumentRepository("contract", Config);

    protected override void PutFile(IDocumentRepository repository, string path, string text) => ((MemoryDocumentRepository)repository).PutFile(path, text);

    [Fact]
    public async Task HistoryListsEveryRevisionNewestFirstWithAuthorAndMessage()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null, new SaveInfo("ana", "created"));
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0, new SaveInfo("ben", "retitled"));

        var history = await repository.HistoryAsync(DocumentKind.Persona, "maya");

        Assert.Equal(["1 ben retitled", "0 ana created"], history.Select(h => $"{h.Revision} {h.Author} {h.Message}"));
    }

    [Fact]
    public async Task AnIdOnceGivenOutIsNeverGivenAgainEvenAfterItsItemIsRemoved()
    {
        var repository = CreateEmpty();
        var first = DocumentYaml.Read<Persona>((await repository.SaveAsync(Maya(), expectedRevision: null)).Document!.Text);
        var removedId = first.Goals[0].Id!;

        // Remove the first goal, then add it back as new text: the same words, yet not the same element.
        await repository.SaveAsync(first with { Goals = [.. first.Goals.Skip(1)] }, expectedRevision: 0);
        var readded = await repository.SaveAsync(first with { Goals = [new Trait { Text = first.Goals[0].Text }, .. first.Goals.Skip(1)] }, expectedRevision: 1);

        var goals = DocumentYaml.Read<Persona>(readded.Document!.Text).Goals;
        Assert.NotEqual(removedId, goals[0].Id);
        Assert.Equal(removedId + "-2", goals[0].Id);
    }

    [Fact]
    public async Task ADocumentCreatedAgainAfterADeleteNeverReusesARevision()
    {
        // Saved at 0, updated to 1, deleted at 2: created again it is 3, so an ETag from before the delete fits nothing.
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null);
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0);
        await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 1);

        var again = await repository.SaveAsync(Maya(), expectedRevision: null);
        var stale = await repository.SaveAsync(Maya("Old client"), expectedRevision: 1);

        Assert.Equal(3, again.Document!.Revision);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
    }

    [Fact]
    public async Task AConflictNamesWhoSavedInBetween()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null, new SaveInfo("ana"));
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0, new SaveInfo("ben"));

        var stale = await repository.SaveAsync(Maya("Maya 3"), expectedRevision: 0, new SaveInfo("cleo"));

        Assert.Equal("ben", stale.SavedInBetween?.Author);
        Assert.Equal("the document was saved in between: expected revision 0, found 1 saved by ben", stale.Message);
    }
}

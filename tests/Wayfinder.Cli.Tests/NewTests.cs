namespace Wayfinder.Cli.Tests;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;

public sealed class NewTests
{
    public static TheoryData<string> JourneyTemplates() => [.. TemplateCatalog.Journeys.Select(t => t.Id)];

    public static TheoryData<string> PersonaTemplates() => [.. TemplateCatalog.Personas.Select(t => t.Id)];

    /// <summary>A workspace from <c>init --empty</c> (the standard channels) with one persona, maya.</summary>
    private static async Task<TempFolder> EmptyWorkspaceWithMayaAsync()
    {
        var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "new", "persona", "maya", "--template", TemplateCatalog.Personas[0].Id)).ExitCode);
        return folder;
    }

    [Theory]
    [MemberData(nameof(JourneyTemplates))]
    public async Task ANewJourneyFromEachTemplateValidatesOnceThePersonasItNamesAreCreatedAsSuggested(string template)
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);

        var created = await CliRunner.RunAsync(folder.Path, "new", "journey", "my-journey", "--template", template);
        // Each warning ends with the command that creates the missing persona; run them as a user would.
        foreach (var line in created.ErrorLines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)))
        {
            var command = line[(line.IndexOf("`wayfinder ", StringComparison.Ordinal) + "`wayfinder ".Length)..line.LastIndexOf('`')];
            Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, command.Split(' '))).ExitCode);
        }

        var validated = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"created journeys/my-journey.yaml from template \"{template}\"", created.ErrorLines[0]);
        var text = folder.Read("journeys/my-journey.yaml");
        Assert.StartsWith("# yaml-language-server: $schema=../.wayfinder/schemas/journey.schema.json\n", text, StringComparison.Ordinal);
        var journey = DocumentYaml.Read<Journey>(text);
        Assert.Equal(("my-journey", "My journey"), (journey.Id, journey.Title));
        Assert.True(validated.ExitCode == 0, validated.ToString());
    }

    [Fact]
    public async Task ANewJourneyForAPersonaReplacesTheTemplatesPrimaryPersonaAndKeepsTheOtherRoles()
    {
        using var folder = await EmptyWorkspaceWithMayaAsync();
        var b2b = TemplateCatalog.Journeys.First(t => t.Create("x", "X").Personas.Count > 1);
        var templatePersonas = b2b.Create("x", "X").Personas;

        var created = await CliRunner.RunAsync(folder.Path, "new", "journey", "deal", "--template", b2b.Id, "--persona", "maya");

        Assert.Equal(0, created.ExitCode);
        var journey = DocumentYaml.Read<Journey>(folder.Read("journeys/deal.yaml"));
        Assert.Equal(["maya", .. templatePersonas.Skip(1)], journey.Personas);
        Assert.DoesNotContain(journey.Lanes.SelectMany(l => l.Items), i => i.Persona == templatePersonas[0]);
        Assert.Equal(
            templatePersonas.Skip(1).Select(p => $"warning: the journey refers to persona \"{p}\", which is not in the workspace yet; create it with `wayfinder new persona {p} --template {p}` or pass --persona ID"),
            created.ErrorLines.Skip(1));
    }

    [Fact]
    public async Task ACopyOfAJourneyForAnotherPersonaKeepsItsStagesLanesAndEvidenceAndValidates()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init")).ExitCode);

        var copied = await CliRunner.RunAsync(folder.Path, "new", "journey", "sam-first-flight", "--from", "first-flight", "--persona", "business-traveller");
        var validated = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(copied.ExitCode == 0, copied.ToString());
        Assert.Equal(["created journeys/sam-first-flight.yaml as a copy of \"first-flight\""], copied.ErrorLines);
        var original = DocumentYaml.Read<Journey>(folder.Read("journeys/first-flight.yaml"));
        var copy = DocumentYaml.Read<Journey>(folder.Read("journeys/sam-first-flight.yaml"));
        Assert.Equal(("sam-first-flight", "Maya's first flight (today) (copy)", 0), (copy.Id, copy.Title, copy.Revision));
        Assert.Equal(["business-traveller"], copy.Personas);
        Assert.Equal(original.Stages.Select(s => s.Id), copy.Stages.Select(s => s.Id));
        Assert.Equal(original.Lanes.SelectMany(l => l.Items).Select(i => (i.Text, i.Events.Count)), copy.Lanes.SelectMany(l => l.Items).Select(i => (i.Text, i.Events.Count)));
        Assert.Equal(original.Evidence.Select(e => e.Id), copy.Evidence.Select(e => e.Id));
        Assert.Empty(copy.Comments);
        Assert.All(copy.Lanes.SelectMany(l => l.Items), i => Assert.Empty(i.Comments));
        Assert.True(validated.ExitCode == 0, validated.ToString());
    }

    [Fact]
    public async Task ACopyOfAPersonaOrValueGapMapTakesItsTitleAndAnUnknownSourceOrATemplateTooIsRefused()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init")).ExitCode);

        var persona = await CliRunner.RunAsync(folder.Path, "new", "persona", "maya-2027", "--from", "first-time-flyer", "--title", "Maya in 2027");
        var map = await CliRunner.RunAsync(folder.Path, "new", "value-gap", "maya-2027-needs", "--from", "first-time-flyer-vs-competitors", "--persona", "maya-2027");
        var both = await CliRunner.RunAsync(folder.Path, "new", "persona", "x", "--from", "first-time-flyer", "--template", "default");
        var missing = await CliRunner.RunAsync(folder.Path, "new", "value-gap", "y", "--from", "first-time-flyer-vs-competitor");
        var taken = await CliRunner.RunAsync(folder.Path, "new", "persona", "maya-2027", "--from", "business-traveller");

        Assert.True(persona.ExitCode == 0, persona.ToString());
        var original = DocumentYaml.Read<Persona>(folder.Read("personas/first-time-flyer.yaml"));
        var copy = DocumentYaml.Read<Persona>(folder.Read("personas/maya-2027.yaml"));
        Assert.Equal(("maya-2027", "Maya in 2027", original.Name), (copy.Id, copy.Title, copy.Name));
        Assert.Equal(original.Needs.Select(n => n.Text), copy.Needs.Select(n => n.Text));
        Assert.True(map.ExitCode == 0, map.ToString());
        var gaps = DocumentYaml.Read<ValueGapMap>(folder.Read("value-gaps/maya-2027-needs.yaml"));
        Assert.Equal(("maya-2027", "Maya: Skylark vs AeroLux and BudgetJet (copy)"), (gaps.Persona, gaps.Title));
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(["error: --from and --template both say what to start from; give one of them"], both.ErrorLines);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal(
            ["error: there is no value gap map \"first-time-flyer-vs-competitor\" to copy. Did you mean \"first-time-flyer-vs-competitors\"? "
             + "The workspace has: first-time-flyer-vs-competitors, maya-2027-needs"],
            missing.ErrorLines);
        Assert.Equal(1, taken.ExitCode);
        Assert.False(File.Exists(folder.Combine("personas", "x.yaml")));
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "validate")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(PersonaTemplates))]
    public async Task ANewPersonaFromEachTemplateValidates(string template)
    {
        using var folder = await EmptyWorkspaceWithMayaAsync();

        var created = await CliRunner.RunAsync(folder.Path, "new", "persona", "sam", "--template", template, "--title", "Sam, the business flyer");
        var validated = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(created.ExitCode == 0, created.ToString());
        var persona = DocumentYaml.Read<Persona>(folder.Read("personas/sam.yaml"));
        Assert.Equal(("sam", "Sam, the business flyer"), (persona.Id, persona.Title));
        Assert.True(validated.ExitCode == 0, validated.ToString());
    }

    [Fact]
    public async Task ANewValueGapMapIsForTheGivenPersona()
    {
        using var folder = TempFolder.WithFixture("small");

        var created = await CliRunner.RunAsync(folder.Path, "new", "value-gap", "maya-2027", "--persona", "maya");

        Assert.True(created.ExitCode == 0, created.ToString());
        var text = folder.Read("value-gaps/maya-2027.yaml");
        Assert.StartsWith("# yaml-language-server: $schema=../.wayfinder/schemas/value-gap.schema.json\n", text, StringComparison.Ordinal);
        var map = DocumentYaml.Read<ValueGapMap>(text);
        Assert.Equal(("maya-2027", "Maya 2027", "maya"), (map.Id, map.Title, map.Persona));
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "validate")).ExitCode);
    }

    [Fact]
    public async Task ANewValueGapMapWithoutPersonaTakesTheOnlyOneOrAsksWhichWhenThereAreSeveral()
    {
        using var folder = TempFolder.WithFixture("small");

        var only = await CliRunner.RunAsync(folder.Path, "new", "value-gap", "needs-2027");
        folder.Write("personas/sam.yaml", "kind: persona\nid: sam\ntitle: Sam\n");
        var several = await CliRunner.RunAsync(folder.Path, "new", "value-gap", "needs-2028");

        Assert.Equal(0, only.ExitCode);
        Assert.Equal("maya", DocumentYaml.Read<ValueGapMap>(folder.Read("value-gaps/needs-2027.yaml")).Persona);
        Assert.Equal(2, several.ExitCode);
        Assert.Equal(["error: say whose needs the map rates with --persona ID (one of: maya, sam)"], several.ErrorLines);
    }

    [Fact]
    public async Task AnUnknownTemplateExitsWithTwoListingTheValidOnesWithDidYouMean()
    {
        using var folder = TempFolder.WithFixture("small");
        var ids = TemplateCatalog.Journeys.Select(t => t.Id).ToList();
        var typo = ids[0][..^1];

        var result = await CliRunner.RunAsync(folder.Path, "new", "journey", "x", "--template", typo);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"error: unknown journey template \"{typo}\". Did you mean \"{ids[0]}\"? Templates: {string.Join(", ", ids)}"], result.ErrorLines);
        Assert.False(File.Exists(folder.Combine("journeys/x.yaml")));
    }

    [Fact]
    public async Task NewRefusesToOverwriteADocument()
    {
        using var folder = TempFolder.WithFixture("small");
        var before = folder.Read("journeys/booking.yaml");

        var result = await CliRunner.RunAsync(folder.Path, "new", "journey", "booking");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: a document with id \"booking\" already exists (journeys/booking.yaml); choose another id or edit that file"], result.ErrorLines);
        Assert.Equal(before, folder.Read("journeys/booking.yaml"));
    }

    [Fact]
    public async Task NewRefusesAnIdThatIsNotASlug()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "new", "persona", "Big Buyer");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: \"Big Buyer\" is not a valid id: use lowercase letters, digits and single dashes, e.g. \"big-buyer\""], result.ErrorLines);
    }

    [Fact]
    public async Task TemplatesJsonListsEveryJourneyAndPersonaTemplate()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "templates", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var expected = TemplateCatalog.Journeys.Select(t => $"journey {t.Id} {t.Name} {t.Description}")
            .Concat(TemplateCatalog.Personas.Select(t => $"persona {t.Id} {t.Name} {t.Description}"));
        Assert.Equal(expected, json.RootElement.EnumerateArray().Select(t => $"{t.GetProperty("kind").GetString()} {t.GetProperty("id").GetString()} {t.GetProperty("name").GetString()} {t.GetProperty("description").GetString()}"));
    }

    [Fact]
    public async Task TemplatesShowsATableWithEveryTemplate()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "templates");

        Assert.Equal(0, result.ExitCode);
        Assert.All(TemplateCatalog.Journeys, t => Assert.Contains($" {t.Id} ", result.Stdout, StringComparison.Ordinal));
        Assert.All(TemplateCatalog.Personas, t => Assert.Contains($" {t.Id} ", result.Stdout, StringComparison.Ordinal));
    }
}

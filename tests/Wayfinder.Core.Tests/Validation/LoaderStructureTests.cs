namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

public sealed class LoaderStructureTests
{
    [Fact]
    public void FileWithThreeMistakesReportsThreeErrors()
    {
        var (_, result) = WorkspaceFolder.Load(Fixture.PathOf("structure"));

        string[] expected =
        [
            "journeys/three-mistakes.yaml:4:8 state: 'futur' is not one of current, future; did you mean future?",
            "journeys/three-mistakes.yaml:9:5 stages[0].descripton: unknown field 'descripton' in a stage; did you mean description?",
            "journeys/three-mistakes.yaml:15:16 lanes[0].items[0].score: 'very happy' is not a number; write one such as 4 or -1.5",
        ];
        Assert.Equal(expected, result.Sorted().Where(d => d.File == "journeys/three-mistakes.yaml").Select(d => d.ToString()));
    }

    [Fact]
    public void FilesThatCannotBeDeserialisedAreLeftOutOfTheWorkspace()
    {
        var (workspace, _) = WorkspaceFolder.Load(Fixture.PathOf("structure"));

        // Every file there has a wrong enum value, a wrong scalar type or broken YAML; wayfinder.yaml's text for a
        // number of days makes the config fall back to one named after the folder.
        Assert.Empty(workspace.Journeys);
        Assert.Empty(workspace.Personas);
        Assert.Empty(workspace.ValueGaps);
        Assert.Equal("structure", workspace.Config.Name);
    }

    [Fact]
    public void ProblemFoundByBothLoaderAndValidatorIsReportedOnce()
    {
        var (workspace, result) = WorkspaceFolder.Load(Fixture.PathOf("structure"));
        var before = result.Diagnostics.Count;

        result.AddRange(WorkspaceValidator.Validate(workspace, Fixture.Today).Diagnostics);

        Assert.Equal(before, result.Diagnostics.Count);
        Assert.Single(result.Diagnostics, d => d.Code == "unknown-field" && d.File == "wayfinder.yaml");
    }

    [Fact]
    public void ParsedTextReportsUnknownFieldsAndStillReturnsTheDocument()
    {
        var result = new ValidationResult();

        var persona = WorkspaceLoader.Parse<Wayfinder.Core.Documents.Persona>("kind: persona\nid: maya\ntitle: Maya\nquot: Hi\n", "personas/maya.yaml", result);

        Assert.Equal("maya", persona?.Id);
        Assert.Equal(
            "personas/maya.yaml:4:1 quot: unknown field 'quot' in a persona; did you mean quote?",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void DiagnosticReadsLikeTheConventionExample()
    {
        var result = new ValidationResult();
        var map = SourceMap.Parse("kind: journey\nid: onboarding\ntitle: Onboarding\nstages:\n  - id: trial\n    name: Try\n  - id: trial\n    name: Try again\n");
        var workspace = new Workspace
        {
            Root = "/tmp",
            Config = new WorkspaceConfig { Name = "x" },
            Journeys = [new SourcedDocument<Wayfinder.Core.Documents.Journey>(Wayfinder.Core.Serialization.DocumentYaml.Read<Wayfinder.Core.Documents.Journey>(map.Text), "journeys/onboarding.yaml", map.Text)],
        };

        var diagnostic = Assert.Single(WorkspaceValidator.Validate(workspace, Fixture.Today).Diagnostics);

        Assert.Equal("journeys/onboarding.yaml:7:9 stages[1].id: duplicate id \"trial\" (also at 5:9)", diagnostic.ToString());
        Assert.Equal("duplicate-id", diagnostic.Code);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("kind: persona\nid: a\ntitle: T\n---\nfoo: bar\n", "personas/p.yaml:5:1 a second YAML document starts here (after a '---' line); keep one document per file")]
    [InlineData("kind: persona\nid: a\nid: b\ntitle: T\n", "personas/p.yaml:3:1 this field is written twice in the same mapping; keep one")]
    [InlineData("kind: persona\n? [a, b]\n: c\nid: a\ntitle: T\n", "personas/p.yaml:2:3 a field name must be plain text, found a list")]
    [InlineData("just text\n", "personas/p.yaml:1:1 expected a persona with fields such as id, title, found the text 'just text'")]
    [InlineData("kind: persona\nid: a\ntitle: [T]\n", "personas/p.yaml:3:8 title: expected text here, found a list")]
    [InlineData("kind: persona\nid: a\ntitle: T\nrevision: 1.5\n", "personas/p.yaml:4:11 revision: '1.5' is not a whole number; write one such as 3")]
    public void FileThatCannotBeReadIsReportedOnceInPlainWords(string text, string expected)
    {
        var result = new ValidationResult();

        var persona = WorkspaceLoader.Parse<Wayfinder.Core.Documents.Persona>(text, "personas/p.yaml", result);

        Assert.Null(persona);
        Assert.Equal(expected, Assert.Single(result.Diagnostics).ToString());
    }
}

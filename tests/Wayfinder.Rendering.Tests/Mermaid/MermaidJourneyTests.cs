namespace Wayfinder.Rendering.Tests.Mermaid;

using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Validation;
using Wayfinder.Rendering.Mermaid;

public sealed class MermaidJourneyTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mermaid", name));

    private static string WithoutJson(string mermaid) =>
        string.Concat(mermaid.Split('\n').Where(l => !l.TrimStart().StartsWith("%% wayfinder-json:", StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n') + "\n";

    private static Journey ImportValid(string text, string id = "buy-a-bike")
    {
        var (journey, result) = MermaidJourney.Import(text, "journeys/test.mmd", id);
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.NotNull(journey);
        return journey;
    }

    [Fact]
    public void ExportWritesSectionsTasksScoresActorsAndTheJourneyAsJson()
    {
        // Scores by hand: discover +1 → 4; compare −1.5 → 1.5 → 2 (half away from zero); ride +0.5 → 3.5 → 4;
        // pay has no emotion → 3 with the no-emotion comment; collect +2 → 5. "%" in the JSON is written \u0025.
        Assert.Equal(Fixture("buy-a-bike.mmd"), MermaidJourney.Export(MermaidSamples.BuyABike()));
    }

    [Fact]
    public void ImportReadsSectionsTasksScoresAndActorsOfAHandWrittenDiagram()
    {
        var (journey, result) = MermaidJourney.Import(Fixture("working-day.mmd"), "journeys/working-day.mmd", "working-day");

        Assert.NotNull(journey);
        Assert.True(result.IsValid);
        Assert.Equal("working-day", journey.Id);
        Assert.Equal("My working day", journey.Title);
        // Actors are named actors of their own tasks (a roles lane), not references to personas that do not exist.
        Assert.Empty(journey.Personas);
        Assert.Equal(
            [("go-to-work", "make-tea", "Me"), ("go-to-work", "go-upstairs", "Me"), ("go-to-work", "do-work", "Me"), ("go-to-work", "do-work", "Cat"), ("go-home", "go-downstairs", "Me"), ("go-home", "sit-down", "Me")],
            journey.Lanes.Single(l => l.Type == LaneType.Roles).Items.Select(i => (i.Stage, i.Step, i.Text)));
        Assert.Equal(["go-to-work", "go-home", "sleep"], journey.Stages.Select(s => s.Id));
        Assert.Equal(["Go to work", "Go home", "Sleep"], journey.Stages.Select(s => s.Name));
        Assert.Equal(["make-tea", "go-upstairs", "do-work"], journey.Stages[0].Steps.Select(s => s.Id));
        Assert.Equal(["Make tea", "Go upstairs", "Do work"], journey.Stages[0].Steps.Select(s => s.Name));
        Assert.Equal(["Go downstairs", "Sit down"], journey.Stages[1].Steps.Select(s => s.Name));

        // "Sleep" holds one task named like its section: the stage itself, no steps.
        Assert.Empty(journey.Stages[2].Steps);
        var lane = journey.Lanes.Single(l => l.Type == LaneType.Emotion);
        Assert.Equal(
            [("go-to-work", "make-tea", 2.0), ("go-to-work", "go-upstairs", 0), ("go-to-work", "do-work", -2), ("go-home", "go-downstairs", 2), ("go-home", "sit-down", 1.5), ("sleep", null, -1)],
            lane.Items.Select(i => (i.Stage, i.Step, i.Score!.Value)));

        // The front matter title is overridden by the title line; the comment is reported, not silently dropped.
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("journeys/working-day.mmd:6:5 warning: comment not kept: %% a comment Wayfinder does not keep", warning.ToString());
    }

    [Fact]
    public void ExportThenImportWithoutWayfinderCommentsKeepsWhatMermaidHolds()
    {
        var exported = WithoutJson(MermaidJourney.Export(MermaidSamples.BuyABike()));

        var imported = ImportValid(exported);

        // Stage names, task names, scores, actors and the missing emotion come back: exporting again gives the same diagram.
        Assert.Equal(exported, WithoutJson(MermaidJourney.Export(imported)));
        Assert.Equal(["Discover options", "Choose: model", "Pay", "Collect"], imported.Stages.Select(s => s.Name));
        Assert.Empty(imported.Personas);
        Assert.All(imported.Lanes.Single(l => l.Type == LaneType.Roles).Items, i => Assert.Contains(i.Text, (string[])["anna", "ben"]));
        Assert.Equal(["Read reviews", "Ask a friend"], imported.Stages[0].Steps.Select(s => s.Name));
        Assert.Equal([1.0, 1, -1, 1, 2], imported.Lanes.Single(l => l.Type == LaneType.Emotion).Items.Select(i => i.Score!.Value));
    }

    [Fact]
    public void ExportThenImportWithWayfinderCommentsRestoresTheWholeJourney()
    {
        var original = MermaidSamples.BuyABike();

        var (imported, result) = MermaidJourney.Import(MermaidJourney.Export(original), "journeys/buy-a-bike.mmd", "buy-a-bike");

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(imported);
        Assert.Equal(DocumentJson.Write(original), DocumentJson.Write(imported));
    }

    [Fact]
    public void AScoreEditedAfterExportChangesOnlyThatEmotion()
    {
        var edited = MermaidJourney.Export(MermaidSamples.BuyABike()).Replace("Compare: 2", "Compare: 5", StringComparison.Ordinal);

        var (journey, result) = MermaidJourney.Import(edited, "j.mmd", "buy-a-bike");

        Assert.NotNull(journey);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("mermaid-metadata-merged", Severity.Warning, 14, 3), (warning.Code, warning.Severity, warning.Line, warning.Column));
        Assert.EndsWith("\"Compare\" in \"Choose: model\" scored 5", warning.Message, StringComparison.Ordinal);

        var expected = MermaidSamples.BuyABike();
        var emotions = expected.Lanes.Single(l => l.Id == "feelings").Items;
        emotions[1] = emotions[1] with { Score = 2 };
        Assert.Equal(DocumentJson.Write(expected), DocumentJson.Write(journey));
    }

    [Fact]
    public void ATaskAddedAfterExportBecomesAStepAndKeepsTheRest()
    {
        var edited = MermaidJourney.Export(MermaidSamples.BuyABike())
            .Replace("    Test ride: 4: anna, ben\n", "    Test ride: 4: anna, ben\n    Haggle: 2: anna, ben\n", StringComparison.Ordinal);

        var journey = ImportValid(edited);

        var choose = journey.Stages.Single(s => s.Id == "choose");
        Assert.Equal(["compare", "ride", "haggle"], choose.Steps.Select(s => s.Id));
        var emotions = journey.Lanes.Single(l => l.Id == "feelings").Items;
        Assert.Equal([1, -1.5, 0.5, 2, -1], emotions.Select(i => i.Score!.Value));
        Assert.Equal("Sell more e-bikes online", journey.BusinessGoal);
        Assert.Single(journey.Lanes.Single(l => l.Id == "kpis").Items);
    }

    [Fact]
    public void ASectionReplacedAfterExportRemovesTheOldStageWithItsItems()
    {
        var edited = MermaidJourney.Export(MermaidSamples.BuyABike())
            .Replace("  section Pay\n    %% wayfinder:no-emotion\n    Checkout page: 3: anna, ben\n", "  section Pick up\n    Pick up: 4: anna, ben\n", StringComparison.Ordinal);

        var (journey, result) = MermaidJourney.Import(edited, "j.mmd", "buy-a-bike");

        Assert.NotNull(journey);
        Assert.EndsWith("stage \"Pick up\" added; stage \"Pay\" removed with its items", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
        Assert.Equal(["discover", "choose", "pick-up", "collect"], journey.Stages.Select(s => s.Id));
        Assert.Empty(journey.Lanes.Single(l => l.Id == "touchpoints").Items);
        Assert.Empty(journey.Lanes.Single(l => l.Id == "kpis").Items);
        Assert.Equal(("pick-up", null, 1.0), journey.Lanes.Single(l => l.Id == "feelings").Items.Select(i => (i.Stage, i.Step, i.Score!.Value)).Last());
        Assert.Equal("Sell more e-bikes online", journey.BusinessGoal);
    }

    [Fact]
    public void ImportWarnsWhenTheJsonCommentIsNotAJourney()
    {
        var (journey, result) = MermaidJourney.Import("journey\n  section A\n    A: 3\n  %% wayfinder-json: {not json\n", "j.mmd", "j");

        Assert.NotNull(journey);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("mermaid-metadata-invalid", 4, 3 + "%% wayfinder-json: ".Length), (warning.Code, warning.Line, warning.Column));
    }

    public static TheoryData<string> HostileTexts => new()
    {
        "<script>alert(1)</script>",
        "]]> & \"quoted\" 'single'",
        "Pay: now; really # not a comment",
        "100%% sure %%{init: {}}%%",
        "two\nlines\r\nhere",
        "  padded  ",
        "section fake",
        "Journey planning",
        "#58; literally",
        "",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void HostileTextSurvivesARoundTripAndNeverComesOutAsMarkup(string hostile)
    {
        var journey = new Journey
        {
            Id = "hostile",
            Title = "T " + hostile,
            Personas = ["p1"],
            Stages = [new() { Id = "s", Name = "S " + hostile, Steps = [new() { Id = "a", Name = hostile + "x" }, new() { Id = "b", Name = hostile }] }],
        };

        var exported = MermaidJourney.Export(journey);

        // A line feed in a section or task name is Mermaid's <br>; nothing else is markup.
        var withoutBreaks = exported.Replace("<br>", "", StringComparison.Ordinal);
        Assert.DoesNotContain("<", withoutBreaks, StringComparison.Ordinal);
        Assert.DoesNotContain(">", withoutBreaks, StringComparison.Ordinal);
        Assert.DoesNotContain("&", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", exported, StringComparison.Ordinal);
        foreach (var line in exported.Split('\n').Where(l => !l.TrimStart().StartsWith("%%", StringComparison.Ordinal)))
        {
            // Outside comment lines only the score and actor separators are raw ":"; nothing starts a Mermaid comment.
            Assert.DoesNotContain("%", line, StringComparison.Ordinal);
            Assert.DoesNotContain(";", Regex.Replace(line, "#[0-9]+;", ""), StringComparison.Ordinal);
            Assert.True(line.Count(c => c == ':') <= 2, line);
        }

        // journey, title, section, two tasks each after its no-emotion comment, the JSON comment, and "" after the last newline.
        Assert.Equal(9, exported.Split('\n').Length);

        var withJson = ImportValid(exported, "hostile");
        Assert.Equal(DocumentJson.Write(journey), DocumentJson.Write(withJson));

        var (plain, result) = MermaidJourney.Import(WithoutJson(exported), "h.mmd", "hostile");
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.NotNull(plain);
        Assert.Equal(journey.Title, plain.Title);
        Assert.Equal(journey.Stages[0].Name, plain.Stages[0].Name);
        Assert.Equal([hostile + "x", hostile], plain.Stages[0].Steps.Select(s => s.Name));
    }

    [Theory]
    [InlineData("section A\n  Task: 3\n", 1, 1, "mermaid-no-header")]
    [InlineData("", 1, 1, "mermaid-no-header")]
    [InlineData("\n  flowchart LR\n    A --> B: go\n", 2, 3, "mermaid-no-header")]
    [InlineData("journey\n  Early: 3: Me\n  section A\n", 2, 3, "mermaid-task-before-section")]
    [InlineData("journey\n  section A\n    Make tea\n", 3, 5, "mermaid-task-without-score")]
    [InlineData("journey\n  section A\n    : 3\n", 3, 5, "mermaid-task-without-name")]
    [InlineData("journey\n  section A\n    Make tea:  six: Me\n", 3, 16, "mermaid-score-not-number")]
    [InlineData("journey\n  section A\n    Make tea: : Me\n", 3, 15, "mermaid-score-not-number")]
    [InlineData("%%{ theme: 'dark' }%%\njourney\n", 1, 5, "mermaid-unknown-directive")]
    [InlineData("journey\n%%{init: {\"theme\": \"dark\"}\n", 2, 1, "mermaid-unknown-directive")]
    public void EachSyntaxErrorSaysItsLineAndColumn(string text, int line, int column, string code)
    {
        var (journey, result) = MermaidJourney.Import(text, "journeys/bad.mmd", "bad");

        Assert.Null(journey);
        var error = Assert.Single(result.Errors);
        Assert.Equal((code, line, column), (error.Code, error.Line, error.Column));
        Assert.StartsWith($"journeys/bad.mmd:{line}:{column} ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLineImportCannotUseIsReportedAsAWarning()
    {
        const string Text = "%%{init: {\"theme\": \"forest\"}}%%\njourney\n  accTitle: Day\n  accDescr {\n    long\n  }\n  title Day # late\n  section A\n    Tea: 4: Me %% mine\n";

        var (journey, result) = MermaidJourney.Import(Text, "d.mmd", "day");

        Assert.NotNull(journey);
        Assert.True(result.IsValid);
        Assert.Equal(
            ["1:1", "7:13", "9:16"],
            result.Warnings.Select(w => $"{w.Line}:{w.Column}"));
        Assert.Equal("Day", journey.Title);
        Assert.Equal(("Day", "long"), (journey.AccessibleTitle, journey.AccessibleDescription));
        Assert.Equal(["Me"], journey.Lanes.Single(l => l.Type == LaneType.Roles).Items.Select(i => i.Text));
    }

    [Fact]
    public void AllErrorsAreReportedNotOnlyTheFirst()
    {
        var (_, result) = MermaidJourney.Import("journey\n  Early: 3\n  section A\n    B: 9\n    C: x\n", "m.mmd", "m");

        // "B: 9" is drawn by Mermaid: clamped to 5 with a warning, not an error.
        Assert.Equal(["2:3", "5:8"], result.Errors.Select(e => $"{e.Line}:{e.Column}"));
        Assert.Equal(["4:8 mermaid-score-clamped"], result.Warnings.Select(w => $"{w.Line}:{w.Column} {w.Code}"));
    }

    [Fact]
    public void ImportedIdsAreUniqueSlugs()
    {
        var journey = ImportValid("journey\n  section Café au lait!\n    Step one: 3\n  section café AU LAIT\n    Step one: 4\n    Step-one: 2\n    ???: 3\n  section ***\n    x: 3\n");

        Assert.Equal(["cafe-au-lait", "cafe-au-lait-2", "stage"], journey.Stages.Select(s => s.Id));
        Assert.Equal(["step-one", "step-one-2", "step-one-3", "step", "x"], journey.Stages.SelectMany(s => s.Steps).Select(s => s.Id));
    }

    [Fact]
    public void AJourneyUsingEveryFieldComesBackAsTheSameYaml()
    {
        // Every document field, every kind of lane, branches, comments, evidence, non-ASCII and hostile text.
        var yaml = Fixture("onboarding.yaml");
        var journey = DocumentYaml.Read<Journey>(yaml);

        var exported = MermaidJourney.Export(journey);
        var (imported, result) = MermaidJourney.Import(exported, "journeys/onboarding.mmd", "onboarding");

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(imported);
        Assert.Equal(DocumentYaml.Write(journey), DocumentYaml.Write(imported));
    }

    [Fact]
    public void AJourneyUsingEveryFieldExportsToTheExpectedDiagram()
    {
        var exported = MermaidJourney.Export(DocumentYaml.Read<Journey>(Fixture("onboarding.yaml")));

        // Steps become tasks; "desk" and "done" have no emotion of their own and the stage has none: 3 and a comment.
        // −0.5 → 2.5 → 3 (half away from zero), −1.25 → 1.75 → 2, 1.5 → 4.5 → 5.
        Assert.Equal(
            [
                "journey",
                "  title Open an account#58; #60;b#62;fast#60;/b#62; #38; easy",
                "  section Trigger#59; salary is coming",
                "    Searches #34;best bank account#34;: 3: maya, jörg",
                "  section Apply",
                "    Fill in the form: 2: maya, jörg",
                "    Verify ID#58; in app: 5: maya, jörg",
                "    %% wayfinder:no-emotion",
                "    #37;#37; verify at the desk #37;#37;: 3: maya, jörg",
                "    %% wayfinder:no-emotion",
                "    Done: 3: maya, jörg",
            ],
            exported.Split('\n')[..^2]);
    }
}

namespace Wayfinder.Rendering.Tests.Mermaid;

using System.Diagnostics;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Validation;
using Wayfinder.Rendering.Mermaid;

/// <summary>
/// Mermaid's own parser (the npm <c>mermaid</c> package in Node, tests/mermaid-check, installed by scripts/setup.sh)
/// reads what Wayfinder writes and what Wayfinder imports, and must read what Wayfinder means.
/// </summary>
public sealed class MermaidParserTests
{
    private sealed record MermaidTaskRead(string Section, string Task, double Score, List<string> People);

    private sealed record MermaidRead(string Name, bool Ok, string? Error, string? Title, string? AccTitle, string? AccDescr, List<string>? Sections, List<MermaidTaskRead>? Tasks);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mermaid", name));

    /// <summary>Parses every sample with Mermaid in one Node process.</summary>
    private static Dictionary<string, MermaidRead> ParseWithMermaid(IReadOnlyDictionary<string, string> samples)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Wayfinder.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("no Wayfinder.slnx above the test folder");
        }

        var check = Path.Combine(root, "tests", "mermaid-check");
        Assert.True(
            File.Exists(Path.Combine(check, "node_modules", "mermaid", "package.json")),
            "Mermaid's parser is not installed: run scripts/setup.sh (npm ci in tests/mermaid-check)");
        var input = Path.Combine(Path.GetTempPath(), $"wayfinder-mermaid-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, JsonSerializer.Serialize(samples.Select(s => new { name = s.Key, text = s.Value })));
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(check, "check.mjs"), input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = check,
            })!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            Assert.True(node.WaitForExit(TimeSpan.FromMinutes(2)), "node did not finish");
            Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {stderr.Result}");
            var reads = JsonSerializer.Deserialize<List<MermaidRead>>(stdout.Result, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            return reads.ToDictionary(r => r.Name);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static readonly string[] s_hostile =
        ["<script>alert(1)</script>", "]]> & \"quoted\" 'single'", "Pay: now; really # not a comment", "100%% sure %%{init: {}}%%", "two\nlines", "  padded  ", "section fake", "#58; literally"];

    private static Journey People() => new()
    {
        Id = "people",
        Title = "Zoë and 李",
        AccessibleTitle = "Zoë and 李 order",
        AccessibleDescription = "Two people, one order",
        Personas = ["maya"],
        Stages =
        [
            new() { Id = "find", Name = "Find\nthe shop", Steps = [new() { Id = "search", Name = "Search" }, new() { Id = "read", Name = "Read: reviews" }] },
            new() { Id = "pay", Name = "Pay" },
        ],
        Lanes =
        [
            new()
            {
                Id = "roles",
                Type = LaneType.Roles,
                Items =
                [
                    new() { Stage = "find", Step = "search", Text = "Zoë" },
                    new() { Stage = "find", Step = "search", Text = "李" },
                    new() { Stage = "find", Step = "read", Text = "Zoë, the reader" },
                    new() { Stage = "pay", Text = "李" },
                ],
            },
            new() { Id = "emotion", Type = LaneType.Emotion, Items = [new() { Stage = "find", Step = "search", Score = -2 }] },
        ],
    };

    [Fact]
    public void MermaidReadsEveryExportAsWayfinderMeansIt()
    {
        var journeys = new Dictionary<string, Journey>
        {
            ["buy-a-bike"] = MermaidSamples.BuyABike(),
            ["onboarding"] = DocumentYaml.Read<Journey>(Fixture("onboarding.yaml")),
            ["people"] = People(),
        };
        var i = 0;
        foreach (var hostile in s_hostile)
        {
            i++;
            journeys[$"hostile-{i}"] = new Journey
            {
                Id = "hostile",
                Title = "T " + hostile,
                Personas = ["p1"],
                Stages = [new() { Id = "s", Name = "S " + hostile, Steps = [new() { Id = "a", Name = hostile + "x" }, new() { Id = "b", Name = "y" + hostile }] }],
            };
        }

        var reads = ParseWithMermaid(journeys.ToDictionary(j => j.Key, j => MermaidJourney.Export(j.Value)));

        foreach (var (name, journey) in journeys)
        {
            var read = reads[name];
            Assert.True(read.Ok, $"{name}: Mermaid refused the export: {read.Error}");
            Assert.Equal(journey.Title.Trim(), read.Title!.Trim());
            Assert.Equal(journey.AccessibleTitle ?? "", read.AccTitle);
            Assert.Equal(journey.AccessibleDescription ?? "", read.AccDescr);

            // Mermaid keeps <br> in names (it draws it as a line break); Wayfinder means a line feed.
            Assert.Equal(journey.Stages.Select(s => s.Name.Trim()), read.Sections!.Select(s => s.Replace("<br>", "\n", StringComparison.Ordinal).Trim()));
            var expected = journey.Stages.SelectMany(stage => MermaidJourney.Tasks(journey, stage).Select(t =>
                $"{stage.Name.Trim()} | {t.Name.Trim()} | {MermaidJourney.Score(t.Emotion)} | {string.Join(", ", name == "people" ? MermaidJourney.Actors(journey, stage.Id, t.Step) : journey.Personas)}"));
            Assert.Equal(expected, read.Tasks!.Select(t => $"{t.Section.Replace("<br>", "\n", StringComparison.Ordinal).Trim()} | {t.Task.Replace("<br>", "\n", StringComparison.Ordinal).Trim()} | {t.Score} | {string.Join(", ", t.People)}"));
        }

        // Each task has its own actors, with their case and every character.
        Assert.Equal(["Zoë", "李"], reads["people"].Tasks![0].People);
        Assert.Equal(["Zoë, the reader"], reads["people"].Tasks![1].People);
        Assert.Equal(["李"], reads["people"].Tasks![2].People);
    }

    [Fact]
    public void ADiagramMermaidAcceptsImportsValidatesAndComesBackTheSameToMermaid()
    {
        var text = Fixture("people.mmd");

        var (journey, result) = MermaidJourney.Import(text, "journeys/people.mmd", "people");

        // A score of 0 (and 7) is drawn by Mermaid: imported at the end of the scale, with a warning, not refused.
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.NotNull(journey);
        Assert.Equal(["9:13 mermaid-score-clamped", "14:11 mermaid-score-clamped"], result.Warnings.Select(w => $"{w.Line}:{w.Column} {w.Code}"));
        Assert.Equal(["Find\nthe shop", "Pay", "Wait"], journey.Stages.Select(s => s.Name));
        Assert.Equal("Zoë orders for the first time", journey.AccessibleTitle);
        Assert.Equal("From finding the shop\nto the parcel at the door", journey.AccessibleDescription);

        // Actors are named actors in a roles lane, never references to personas that do not exist: the journey validates.
        Assert.Empty(journey.Personas);
        var roles = Assert.Single(journey.Lanes, l => l.Type == LaneType.Roles);
        Assert.Equal([("find-the-shop", "search", "Zoë"), ("find-the-shop", "search", "李"), ("find-the-shop", "read-reviews", "Zoë"), ("pay", null, "李")], roles.Items.Select(i => (i.Stage, i.Step, i.Text)));
        var workspace = TestJourneys.Workspace(journey);
        Assert.Empty(WorkspaceValidator.Validate(workspace, TestJourneys.Today).Errors);

        // Through YAML and back to Mermaid: Mermaid reads the same title, accessibility text, sections, tasks and actors.
        var stored = DocumentYaml.Read<Journey>(DocumentYaml.Write(journey));
        var reads = ParseWithMermaid(new Dictionary<string, string> { ["original"] = text, ["round-trip"] = MermaidJourney.Export(stored) });
        var (original, roundTrip) = (reads["original"], reads["round-trip"]);
        Assert.True(original.Ok, original.Error);
        Assert.True(roundTrip.Ok, roundTrip.Error);
        Assert.Equal(0, original.Tasks![0].Score);
        // Mermaid keeps the indentation of a multi-line accDescr block; Wayfinder keeps the lines.
        static string Lines(string? text) => string.Join('\n', (text ?? "").Split('\n').Select(l => l.Trim()));
        Assert.Equal((original.Title, original.AccTitle, Lines(original.AccDescr)), (roundTrip.Title, roundTrip.AccTitle, roundTrip.AccDescr));
        Assert.Equal(original.Sections, roundTrip.Sections);

        // Scores come back clamped (0 → 1, 7 → 5); names and actors exactly.
        Assert.Equal(
            original.Tasks.Select(t => $"{t.Section} | {t.Task} | {Math.Clamp(t.Score, 1, 5)} | {string.Join(", ", t.People)}"),
            roundTrip.Tasks!.Select(t => $"{t.Section} | {t.Task} | {t.Score} | {string.Join(", ", t.People)}"));
    }
}

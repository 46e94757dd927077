namespace Wayfinder.Cli.Tests;

using System.Xml.Linq;
using Wayfinder.Cli.Commands.Data;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;

public sealed class AnalysisFilesTests
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static (Journey Journey, Workspace Workspace, JourneyReport Report) Small()
    {
        var journey = new Journey
        {
            Id = "small",
            Title = "Buying a ticket",
            Stages = [new Stage { Id = "s1", Name = "Find a fare" }, new Stage { Id = "s2", Name = "Pay for it" }],
            Lanes =
            [
                new Lane
                {
                    Id = "tps",
                    Type = LaneType.Touchpoints,
                    Items = [new LaneItem { Id = "tp-a", Stage = "s1", Text = "Search page" }, new LaneItem { Id = "tp-b", Stage = "s2", Text = "Checkout" }],
                },
            ],
        };
        var workspace = new Workspace
        {
            Root = Path.GetTempPath(),
            Config = new WorkspaceConfig { Name = "Test" },
            Journeys = [new SourcedDocument<Journey>(journey, "journeys/small.yaml", "")],
        };
        var report = new JourneyReport
        {
            JourneyId = "small",
            Metrics = new JourneyMetrics
            {
                JourneyId = "small",
                Customers = 100,
                Funnel = [new FunnelStep("s1", "Find a fare", 100, 1, 1, 40), new FunnelStep("s2", "Pay for it", 60, 0.6, 0.6, 0)],
                Stranded = [new StrandedRow("tp-a", "s1", 20, 100, 0.2)],
                Variants = [new PathVariant(["tp-a", "tp-b"], 60, 0.6), new PathVariant(["tp-a"], 40, 0.4)],
            },
            Trend = [new TrendPoint("2026-07", "s1", 100, 1, null), new TrendPoint("2026-07", "s2", 60, 0.6, null)],
        };
        return (journey, workspace, report);
    }

    [Fact]
    public void AnalysisFilesWritesExactlyTheSixDrawingsAndReturnsTheirPathsInOrder()
    {
        using var temp = new TempFolder();
        var (journey, workspace, report) = Small();

        var written = AnalysisFiles.Write(journey, workspace, report, temp.Path).ToList();

        string[] names = ["map.svg", "map.png", "funnel.svg", "paths.svg", "trend.svg", "report.html"];
        Assert.Equal(names.Select(n => Path.Combine(temp.Path, n)), written);
        Assert.Equal(names.Order(StringComparer.Ordinal), Directory.EnumerateFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(s_pngSignature, File.ReadAllBytes(written[1]).Take(8));
        foreach (var svg in new[] { written[0], written[2], written[3], written[4] })
        {
            Assert.Equal("svg", XDocument.Parse(File.ReadAllText(svg)).Root!.Name.LocalName);
        }

        Assert.Contains("⊥ 20 stranded · 20% exit", File.ReadAllText(written[0]), StringComparison.Ordinal);
        var html = File.ReadAllText(written[5]);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"paths\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeWritesTheDrawingsBesideReportJson()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws")).ExitCode);
        var sample = await CliRunner.RunAsync(temp.Combine("ws"), "sample-data", "-n", "200", "--seed", "3");
        Assert.True(sample.ExitCode == 0, sample.ToString());

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight");

        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = temp.Combine("ws", "out", "analysis", "first-flight");
        Assert.Equal(
            ["funnel.svg", "map.png", "map.svg", "paths.svg", "report.html", "report.json", "trend.svg"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in new[] { "map.svg", "map.png", "funnel.svg", "paths.svg", "trend.svg", "report.html" })
        {
            Assert.Contains($"wrote {Path.Combine("out", "analysis", "first-flight", name)}", result.Stderr, StringComparison.Ordinal);
        }
    }
}

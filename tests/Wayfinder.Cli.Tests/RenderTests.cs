namespace Wayfinder.Cli.Tests;

public sealed class RenderTests
{
    [Fact]
    public async Task RenderWritesEveryFormatOfAJourneyIntoAFolder()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--format", "svg,png,pdf,html,xlsx,csv,mermaid", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["out/booking.csv", "out/booking.html", "out/booking.mmd", "out/booking.pdf", "out/booking.png", "out/booking.svg", "out/booking.xlsx"],
            folder.Files().Where(f => f.StartsWith("out/", StringComparison.Ordinal)));
        Assert.Contains("<svg", folder.Read("out/booking.svg"), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(folder.Combine("out/booking.png"))[..8]);
        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(folder.Combine("out/booking.pdf"))[..5]);
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(folder.Combine("out/booking.xlsx"))[..2]);
        Assert.Contains("<html", folder.Read("out/booking.html"), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("journey", folder.Read("out/booking.mmd").TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Booking a first flight", folder.Read("out/booking.mmd"), StringComparison.Ordinal);
        Assert.Contains("Checkout", folder.Read("out/booking.csv"), StringComparison.Ordinal);
        Assert.Equal("rendered 7 files to out", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task RenderWritesBesideTheDocumentByDefault()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["wrote journeys/booking.svg", "rendered 1 file beside their documents"], result.ErrorLines);
        Assert.Contains("<svg", folder.Read("journeys/booking.svg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderToAFileWritesThatFile()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--format", "pdf", "-o", "map.pdf");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(folder.Combine("map.pdf"))[..5]);
    }

    [Fact]
    public async Task RenderTakesTheFormatFromTheOutputFilesExtension()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "-o", "map.png");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0x89, File.ReadAllBytes(folder.Combine("map.png"))[0]);
    }

    [Fact]
    public async Task RenderRendersPersonaCardsAndValueGapCharts()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "maya", "maya-needs", "--format", "svg,png", "-o", "out/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["out/maya-needs.png", "out/maya-needs.svg", "out/maya.png", "out/maya.svg"], folder.Files().Where(f => f.StartsWith("out/", StringComparison.Ordinal)));
        Assert.Contains("<svg", folder.Read("out/maya.svg"), StringComparison.Ordinal);
        Assert.Equal(0x89, File.ReadAllBytes(folder.Combine("out/maya-needs.png"))[0]);
    }

    [Fact]
    public async Task RenderAllRendersEachDocumentInTheFormatsItSupports()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "--all", "--format", "svg,html", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Only the journey has an HTML report; persona cards and value gap charts are images.
        Assert.Equal(["out/booking.html", "out/booking.svg", "out/maya-needs.svg", "out/maya.svg"], folder.Files().Where(f => f.StartsWith("out/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RenderJsonListsTheFilesWritten()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "maya", "--format", "svg,csv", "-o", "out", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal(
            ["journey booking svg out/booking.svg ", "journey booking csv out/booking.csv ", "persona maya svg out/maya.svg "],
            json.RootElement.EnumerateArray().Select(r => $"{r.GetProperty("kind").GetString()} {r.GetProperty("id").GetString()} {r.GetProperty("format").GetString()} "
                + $"{r.GetProperty("path").GetString()} {r.GetProperty("error").GetString()}"));
    }

    // Loads, but names a persona the workspace does not have: an error in this file only.
    private const string Broken = "kind: journey\nid: broken\ntitle: Broken\npersonas:\n  - nobody\nstages:\n  - id: one\n    name: One\n";

    [Fact]
    public async Task AnInvalidDocumentDoesNotStopAnotherFromRendering()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/broken.yaml", Broken);

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(folder.Combine("journeys/booking.svg")));
        Assert.DoesNotContain(result.ErrorLines, l => l.Contains("broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenderAllRefusesOnlyTheInvalidDocumentWithItsErrors()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/broken.yaml", Broken);

        var result = await CliRunner.RunAsync(folder.Path, "render", "--all");

        Assert.Equal(1, result.ExitCode);
        Assert.True(File.Exists(folder.Combine("journeys/booking.svg")));
        Assert.True(File.Exists(folder.Combine("personas/maya.svg")));
        Assert.True(File.Exists(folder.Combine("value-gaps/maya-needs.svg")));
        Assert.False(File.Exists(folder.Combine("journeys/broken.svg")));
        Assert.Contains(result.ErrorLines, l => l.StartsWith("journeys/broken.yaml:5:5 personas[0]: ", StringComparison.Ordinal));
        Assert.Contains("error: journey \"broken\" not rendered: journeys/broken.yaml has 1 error; fix them (see `wayfinder validate journeys/broken.yaml`) or pass --force to render it anyway", result.ErrorLines);
        Assert.Equal("rendered 3 files beside their documents", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task RenderForceRendersTheInvalidDocumentToo()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/broken.yaml", Broken);

        var result = await CliRunner.RunAsync(folder.Path, "render", "broken", "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(folder.Combine("journeys/broken.svg")));
        Assert.Contains("warning: rendering journey \"broken\" despite 1 error (--force)", result.ErrorLines);
    }

    [Fact]
    public async Task RenderRefusesAnOutputFileOfAnUnknownFormat()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "-o", "x.docx");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: -o x.docx: unknown format \"docx\".", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("x.docx")));
    }

    [Fact]
    public async Task RenderRefusesAnOutputFileWhoseExtensionContradictsTheFormat()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--format", "svg", "-o", "map.pdf");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: -o map.pdf looks like pdf, but the format is svg; pass --format pdf or change the file name"], result.ErrorLines);
    }

    [Fact]
    public async Task RenderRefusesOneOutputFileForSeveralFiles()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--format", "svg,png", "-o", "map.svg");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: -o map.svg names one file, but 2 files are to be written; give a folder, e.g. -o out/"], result.ErrorLines);
    }

    [Fact]
    public async Task RenderWithoutIdsOrAllExitsWithTwo()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: name the documents to render (e.g. `wayfinder render onboarding`), or pass --all; `wayfinder list` shows the ids"], result.ErrorLines);
    }

    [Fact]
    public async Task RenderWithAnUnknownFormatExitsWithTwoAndSuggestsOne()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--format", "pgn");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: unknown format \"pgn\". Did you mean \"png\"? Formats: svg, png, pdf, html, xlsx, csv, mermaid, pptx, slides"], result.ErrorLines);
    }

    [Fact]
    public async Task RenderOfAnUnknownIdExitsWithTwoAndSuggestsTheClosest()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "bookin");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no journey, persona or value gap map with id \"bookin\" in the workspace. Did you mean \"booking\"? Ids: booking, maya, maya-needs"], result.ErrorLines);
    }

    [Fact]
    public async Task RenderOfAPersonaInAJourneyOnlyFormatExitsWithTwo()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "maya", "--format", "xlsx");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: persona \"maya\" renders to svg, png, pdf, not xlsx"], result.ErrorLines);
    }

    [Fact]
    public async Task ExportWritesTheJourneyAsMermaidBesideItByDefault()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "export", "booking");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["wrote journeys/booking.mmd", "exported 1 file beside their documents"], result.ErrorLines);
        Assert.StartsWith("journey", folder.Read("journeys/booking.mmd").TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportTakesXlsxFromTheFileNameAndRefusesDrawings()
    {
        using var folder = TempFolder.WithFixture("small");

        var xlsx = await CliRunner.RunAsync(folder.Path, "export", "booking", "-o", "lanes.xlsx");
        var svg = await CliRunner.RunAsync(folder.Path, "export", "booking", "--format", "svg");

        Assert.True(xlsx.ExitCode == 0, xlsx.ToString());
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(folder.Combine("lanes.xlsx"))[..2]);
        Assert.Equal(2, svg.ExitCode);
        Assert.Equal(["error: export writes mermaid, xlsx, csv; for svg use `wayfinder render`"], svg.ErrorLines);
    }
}

namespace Wayfinder.Cli.Tests;

using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;

/// <summary><c>wayfinder render --format pptx|slides</c> on the demo workspace.</summary>
public sealed partial class SlidesRenderTests
{
    [Fact]
    public async Task RenderWritesTheDemoFirstFlightAsAPowerPointDeck()
    {
        using var folder = await DemoAsync();

        var result = await CliRunner.RunAsync(folder.Path, "render", "first-flight", "--format", "pptx", "-o", "deck.pptx");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var deck = PresentationDocument.Open(folder.Combine("deck.pptx"), false);
        // Title, whole map, 9 stages, opportunities, value gap.
        Assert.Equal(13, deck.PresentationPart!.SlideParts.Count());
    }

    [Fact]
    public async Task RenderWritesSlidesToAPdfNamedByTheUser()
    {
        using var folder = await DemoAsync();

        var result = await CliRunner.RunAsync(folder.Path, "render", "first-flight", "--format", "slides", "-o", "deck.pdf");

        Assert.True(result.ExitCode == 0, result.ToString());
        var pdf = File.ReadAllBytes(folder.Combine("deck.pdf"));
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Equal(13, PageRegex().Count(text));
        Assert.Equal(13, MediaBoxRegex().Count(text));
    }

    [Fact]
    public async Task SlidesGoBesideTheJourneyAsSlidesPdf()
    {
        using var folder = await DemoAsync();

        var result = await CliRunner.RunAsync(folder.Path, "render", "first-flight", "--format", "slides,pptx", "-o", "out/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["out/first-flight.pptx", "out/first-flight.slides.pdf"], folder.Files().Where(f => f.StartsWith("out/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APersonaHasNoSlides()
    {
        using var folder = await DemoAsync();

        var result = await CliRunner.RunAsync(folder.Path, "render", "first-time-flyer", "--format", "pptx");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: persona \"first-time-flyer\" renders to svg, png, pdf, not pptx"], result.ErrorLines);
    }

    /// <summary>A folder holding the demo workspace (`wayfinder init`).</summary>
    private static async Task<TempFolder> DemoAsync()
    {
        var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "init");
        return folder;
    }

    [GeneratedRegex(@"/Type\s*/Page\b")]
    private static partial Regex PageRegex();

    // Every page 960 × 540 points (16:9).
    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+960\s+540\s*\]")]
    private static partial Regex MediaBoxRegex();
}

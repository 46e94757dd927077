namespace Wayfinder.Rendering.Tests.Slides;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using UglyToad.PdfPig;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Slides;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

/// <summary>The deck of the demo's first flight, as PPTX (read back with OpenXml) and as a slides PDF (read back with PdfPig).</summary>
public sealed class SlideDeckTests
{
    // Title, whole map, the 9 stages, opportunities, and the value gap map of its persona (first-time-flyer).
    private static readonly string[] s_firstFlightTitles =
    [
        "Maya's first flight (today)", "The whole journey", "Plan the trip", "Book a flight", "Get ready", "Check in", "Get through security",
        "Board flight", "Enjoy the flight", "Arrive", "Fly again", "Opportunities", "Value gap: Maya: Skylark vs AeroLux and BudgetJet",
    ];

    [Fact]
    public void StageSlidesFollowTheLanesAndStagesAsked()
    {
        var (journey, workspace) = Demo("first-flight");
        var deck = SlideDeckBuilder.Build(journey, workspace, new MapRenderOptions(TestJourneys.Today, Lanes: ["pain-points", "actions"], Stages: "check-in..board"));

        Assert.Equal(
            ["Maya's first flight (today)", "The whole journey", "Check in", "Get through security", "Board flight", "Opportunities", "Value gap: Maya: Skylark vs AeroLux and BudgetJet"],
            deck.Slides.Select(s => s.Title));
        var checkIn = string.Join("\n", deck.Slides[2].Elements.OfType<SlideText>().SelectMany(t => t.Paragraphs).Select(p => p.Text));
        Assert.Contains("Checks in online, queues at bag drop", checkIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Online check-in", checkIn, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstFlightPptxHasATitledSlidePerPartWithTheCardsAsTextRuns()
    {
        var (journey, workspace) = Demo("first-flight");
        var pptx = PptxWriter.Write(SlideDeckBuilder.Build(journey, workspace, new MapRenderOptions(TestJourneys.Today)));

        using var document = PresentationDocument.Open(new MemoryStream(pptx), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        var slides = Slides(document);
        Assert.Equal(s_firstFlightTitles, slides.Select(TitleOf));

        // Check in (slide 6): a card's item and the emotion as a word and value, as text runs; its KPI in a table.
        var checkIn = Runs(slides[5]);
        Assert.Contains("• Stressed by the queue: very negative (−1.5)", checkIn);
        Assert.Contains("• Checks in online, queues at bag drop", checkIn);
        Assert.Contains("⚠ Pain points", checkIn);
        Assert.Contains("Passengers who check in online after booking", slides[5].Slide!.Descendants<A.Table>().Single().Descendants<A.Text>().Select(t => t.Text));
        Assert.Contains("Maya's first flight (today)  ·  6 / 13", checkIn);

        // The map is a picture on slide 2, the value gap chart and its numbers on the last.
        Assert.Single(slides[1].ImageParts);
        Assert.Single(slides[12].ImageParts);
        Assert.Contains("Know what happens at each step at the airport", slides[12].Slide!.Descendants<A.Text>().Select(t => t.Text));
        Assert.Equal((12192000, 6858000), (document.PresentationPart!.Presentation!.SlideSize!.Cx!.Value, document.PresentationPart.Presentation.SlideSize.Cy!.Value));
    }

    [Fact]
    public void FirstFlightSlidesPdfHas16By9PagesWithRealText()
    {
        var (journey, workspace) = Demo("first-flight");
        var pdf = SlidesPdfWriter.Write(SlideDeckBuilder.Build(journey, workspace, new MapRenderOptions(TestJourneys.Today)));

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(13, document.NumberOfPages);
        Assert.All(document.GetPages(), page => Assert.Equal((960.0, 540.0), (page.Width, page.Height)));
        var checkIn = Words(document.GetPage(6));
        Assert.Contains("Check in", checkIn, StringComparison.Ordinal);
        Assert.Contains("Stressed by the queue: very negative (−1.5)", checkIn, StringComparison.Ordinal);
        Assert.Contains("Plain-language fare comparison", Words(document.GetPage(12)), StringComparison.Ordinal);

        // Fonts are subsets: the whole of DejaVu Sans would be 760 KB per face.
        Assert.True(pdf.Length < 400_000, $"slides PDF is {pdf.Length} bytes");
    }

    [Fact]
    public void HostileTextStaysTextInBothFormats()
    {
        const string Hostile = "<script>&\u0001";
        var journey = new Journey
        {
            Id = "hostile",
            Title = "Title " + Hostile,
            Stages = [new Stage { Id = "s", Name = "Stage " + Hostile, Goal = "Goal " + Hostile }],
            Lanes = [new Lane { Id = "a", Type = LaneType.Actions, Items = [new LaneItem { Stage = "s", Text = "Item " + Hostile }] }],
        };
        var workspace = TestJourneys.Workspace(journey);
        var deck = SlideDeckBuilder.Build(journey, workspace, new MapRenderOptions(TestJourneys.Today));

        using (var document = PresentationDocument.Open(new MemoryStream(PptxWriter.Write(deck)), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var stage = Slides(document)[2];
            Assert.Equal("Stage <script>&", TitleOf(stage));
            Assert.Contains("• Item <script>&", Runs(stage));
            using var reader = new StreamReader(stage.GetStream());
            Assert.Contains("• Item &lt;script&gt;&amp;</a:t>", reader.ReadToEnd(), StringComparison.Ordinal);
        }

        using var pdf = PdfDocument.Open(SlidesPdfWriter.Write(deck));
        Assert.Contains("Item <script>&", Words(pdf.GetPage(3)), StringComparison.Ordinal);
    }

    [Fact]
    public void StageSlideShowsTheStagesDataAndMeasuredKpis()
    {
        var journey = TestJourneys.Map(3);
        var deck = SlideDeckBuilder.Build(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1f, DataOverlayTests.Report()));

        // The report's funnel: s2 reached by 600 of s1's 1000 (60%), 100 of them not reaching s3.
        var texts = deck.Slides[3].Elements.OfType<SlideText>().SelectMany(t => t.Paragraphs).Select(p => p.Text).ToList();
        Assert.Contains("Reached by 600 customers  ·  conversion 60% from the previous stage  ·  drop-off 100", texts);
        var first = deck.Slides[2].Elements.OfType<SlideText>().SelectMany(t => t.Paragraphs).Select(p => p.Text);
        Assert.Contains("Reached by 1,000 customers  ·  drop-off 400", first);
    }

    [Theory]
    [InlineData("#C0F", "#CC00FF")]
    [InlineData("#1a2B3c", "#1a2B3c")]
    [InlineData("red", Palette.Band)]
    [InlineData(null, Palette.Band)]
    public void TheBandTakesTheBrandsPrimaryColourInLongForm(string? primary, string expected)
    {
        var journey = TestJourneys.Map(1);
        var workspace = TestJourneys.Workspace(journey);
        workspace = new Workspace { Root = workspace.Root, Config = workspace.Config with { Brand = new Brand { Primary = primary } }, Journeys = workspace.Journeys };

        var deck = SlideDeckBuilder.Build(journey, workspace, new MapRenderOptions(TestJourneys.Today));

        Assert.All(deck.Slides, s => Assert.Equal(expected, s.Elements.OfType<SlideText>().First().Fill));
    }

    [Fact]
    public void ParagraphsThatDoNotFitAreCountedAndACrossingOneEndsInAnEllipsis()
    {
        // Size 10 → 12.5 pt lines. 40 pt holds three lines: two items and the "+ 3 more" line.
        var items = new[] { "one", "two", "three", "four", "five" }.Select(t => new SlideLine(t, 10, Palette.Ink));
        Assert.Equal(["one", "two", "+ 3 more"], SlideFit.Paragraphs(items, 200, 40).Select(p => p.Text));

        // One paragraph of 20 words in 100 pt: two lines fit in 25 pt, the second cut with an ellipsis inside the width.
        var words = string.Join(' ', Enumerable.Repeat("word", 20));
        var cut = Assert.Single(SlideFit.Paragraphs([new SlideLine(words, 10, Palette.Ink)], 100, 25));
        Assert.Equal(2, cut.Lines.Count);
        Assert.EndsWith("…", cut.Lines[1], StringComparison.Ordinal);
        Assert.All(cut.Lines, l => Assert.True(DejaVuMeasurer.Instance.Measure(l, 10) <= 100, l));
    }

    [Fact]
    public void LongCardsNeverRunOffTheSlide()
    {
        var journey = TestJourneys.Map(15, longTexts: true);
        var deck = SlideDeckBuilder.Build(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        foreach (var text in deck.Slides.SelectMany(s => s.Elements).OfType<SlideText>())
        {
            Assert.True(text.X >= 0 && text.Y >= 0 && text.X + text.Width <= SlideDeck.Width && text.Y + text.Height <= SlideDeck.Height, $"{text.X},{text.Y} {text.Width}×{text.Height}");
            Assert.True(text.Paragraphs.Count == 0 || text.Paragraphs.Sum(p => p.Height) <= text.Height - (2 * SlideText.Padding) + 0.01f, string.Join(" / ", text.Paragraphs.Select(p => p.Text)));
            var inner = text.Width - (2 * SlideText.Padding) - (text.Stripe is null ? 0 : 4);
            Assert.All(text.Paragraphs.SelectMany(p => p.Lines.Select(l => (p, l))), x =>
                Assert.True(DejaVuMeasurer.Instance.Measure(x.l, x.p.Size, x.p.Bold ? FontStyleKind.Bold : x.p.Italic ? FontStyleKind.Italic : FontStyleKind.Regular) <= inner + 0.01f, x.l));
        }
    }

    [Fact]
    public void DecksRenderToWellFormedFiles()
    {
        // With $WAYFINDER_RENDER_OUT set the decks and a PNG per slide are kept there, for a person to look at.
        using var folder = new SampleFolder();
        var (demo, workspace) = Demo("first-flight");
        var longMap = TestJourneys.Map(15, longTexts: true);
        foreach (var (name, deck) in new[]
        {
            ("slides-first-flight", SlideDeckBuilder.Build(demo, workspace, new MapRenderOptions(TestJourneys.Today))),
            ("slides-map-15-long", SlideDeckBuilder.Build(longMap, TestJourneys.Workspace(longMap), new MapRenderOptions(TestJourneys.Today))),
        })
        {
            var pdf = SlidesPdfWriter.Write(deck);
            File.WriteAllBytes(Path.Combine(folder.Path, name + ".pdf"), pdf);
            File.WriteAllBytes(Path.Combine(folder.Path, name + ".pptx"), PptxWriter.Write(deck));
            Assert.Equal(deck.Slides.Count, SampleFolder.PdfPages(pdf, name + ".pdf"));
            for (var i = 0; i < deck.Slides.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(folder.Path, $"{name}-{i + 1:00}.png"), SlidesPdfWriter.PreviewPng(deck.Slides[i]));
            }
        }

        folder.AssertAllWellFormed();
    }

    internal static (Journey Journey, Workspace Workspace) Demo(string id)
    {
        var root = App.Workspaces.WorkspaceFolder.FindRoot(Path.Combine(RenderSamplesTests.FindRepo(), "samples", "demo"));
        Assert.True(root is not null, "samples/demo is not a workspace");
        var (workspace, _) = App.Workspaces.WorkspaceFolder.Load(root!);
        return (workspace.FindJourney(id) ?? throw new InvalidOperationException($"no journey {id} in samples/demo"), workspace);
    }

    private static List<SlidePart> Slides(PresentationDocument document)
    {
        var presentation = document.PresentationPart!;
        return [.. presentation.Presentation!.SlideIdList!.Elements<P.SlideId>().Select(s => (SlidePart)presentation.GetPartById(s.RelationshipId!.Value!))];
    }

    private static string TitleOf(SlidePart slide) =>
        string.Join(' ', slide.Slide!.Descendants<P.Shape>()
            .Single(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value == P.PlaceholderValues.Title)
            .TextBody!.Elements<A.Paragraph>().First().Descendants<A.Text>().Select(t => t.Text));

    private static List<string> Runs(SlidePart slide) => [.. slide.Slide!.Descendants<A.Paragraph>().Select(p => string.Concat(p.Descendants<A.Text>().Select(t => t.Text)))];

    /// <summary>The page's text in the order it was drawn (box by box), lines joined by spaces.</summary>
    private static string Words(UglyToad.PdfPig.Content.Page page) =>
        string.Join(' ', UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor.ContentOrderTextExtractor.GetText(page).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}

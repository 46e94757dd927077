namespace Wayfinder.Rendering.Tests.Visual;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Personas;
using Wayfinder.Rendering.Tests.DataCharts;

/// <summary>
/// The pictures users see, compared with reviewed reference images (<see cref="ReferenceImages"/>): the demo workspace's
/// maps, persona cards, value gap and opportunity charts, a 15 × 12 map with long texts, a map with data, and the data
/// charts. Maps are compared at a reduced scale so the references stay small; the scale is part of each case.
/// </summary>
public sealed class ReferenceImageTests
{
    private static readonly Lazy<Workspace> s_demo = new(() =>
    {
        var root = App.Workspaces.WorkspaceFolder.FindRoot(Path.Combine(RenderSamplesTests.FindRepo(), "samples", "demo"))
            ?? throw new InvalidOperationException("samples/demo is not a workspace");
        return App.Workspaces.WorkspaceFolder.Load(root).Workspace;
    });

    private static readonly Dictionary<string, Func<byte[]>> s_cases = Cases();

    public static TheoryData<string> Names() => new(s_cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public void RenderingMatchesItsReviewedReference(string name) => ReferenceImages.AssertMatches(name, s_cases[name]());

    [Fact]
    public void EveryReferenceImageBelongsToACase()
    {
        var files = Directory.Exists(ReferenceImages.Folder)
            ? Directory.GetFiles(ReferenceImages.Folder, "*.png").Select(f => Path.GetFileNameWithoutExtension(f)!).ToHashSet()
            : [];
        Assert.Empty(files.Except(s_cases.Keys).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ImagesThatDifferInAFewPixelsMatchAndAMovedBoxDoesNot()
    {
        byte[] Draw(float x, int speckles)
        {
            using var bitmap = new SkiaSharp.SKBitmap(100, 100);
            using (var canvas = new SkiaSharp.SKCanvas(bitmap))
            {
                canvas.Clear(SkiaSharp.SKColors.White);
                using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Black };
                canvas.DrawRect(x, 10, 20, 20, paint);
                for (var i = 0; i < speckles; i++)
                {
                    bitmap.SetPixel(90, 90 + i, SkiaSharp.SKColors.Black);
                }
            }

            using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
            return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
        }

        // 10,000 pixels: 0.2% is 20. Twenty changed pixels pass, 21 do not; a 20 × 20 box moved by 5 px changes 200.
        Assert.Null(ReferenceImages.Compare(Draw(10, 0), Draw(10, 0)).Problem);
        Assert.Null(ReferenceImages.Compare(Draw(10, 0), Draw(10, 10)).Problem);
        Assert.Equal(
            "200 of 10,000 pixels (2.00%) differ by more than 40 in a channel; at most 0.20% may",
            ReferenceImages.Compare(Draw(10, 0), Draw(15, 0)).Problem);
        Assert.NotNull(ReferenceImages.Compare(Draw(10, 0), Draw(15, 0)).Diff);
    }

    private static Dictionary<string, Func<byte[]>> Cases()
    {
        var cases = new Dictionary<string, Func<byte[]>>(StringComparer.Ordinal);
        var today = TestJourneys.Today;
        foreach (var id in new[] { "first-flight", "first-flight-future", "airport-check-in", "corporate-programme" })
        {
            cases[$"map-demo-{id}"] = () => Map(s_demo.Value.FindJourney(id)!, s_demo.Value, new MapRenderOptions(today, 0.5f));
        }

        cases["map-demo-first-flight-faces"] = () => Map(s_demo.Value.FindJourney("first-flight")!, s_demo.Value, new MapRenderOptions(today, 0.5f, Faces: true));
        var long15 = TestJourneys.Map(15, longTexts: true);
        cases["map-15x12-long-texts"] = () => Map(long15, TestJourneys.Workspace(long15), new MapRenderOptions(today, 0.35f));
        var map3 = TestJourneys.Map(3);
        cases["map-3-with-data"] = () => Map(map3, TestJourneys.Workspace(map3), new MapRenderOptions(today, 0.6f, MapDataMarksTests.Report()));

        foreach (var id in new[] { "first-time-flyer", "business-traveller", "travel-manager" })
        {
            cases[$"persona-demo-{id}"] = () => Rasterizer.SvgToPng(PersonaCardRenderer.RenderSvg(s_demo.Value.FindPersona(id)!, s_demo.Value, today), 0.75f);
        }

        cases["value-gap-demo"] = () =>
        {
            var map = s_demo.Value.ValueGaps[0].Document;
            return Rasterizer.SvgToPng(DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), s_demo.Value));
        };
        cases["opportunity-matrix-demo"] = () =>
            Rasterizer.SvgToPng(DecisionCharts.OpportunityMatrixSvg(OpportunityRanking.Rank([.. s_demo.Value.Journeys.Select(j => j.Document)])));
        var small = DataFixtures.Journey();
        cases["chart-funnel"] = () => Rasterizer.SvgToPng(DataCharts.FunnelSvg(DataFixtures.Report(), small));
        cases["chart-paths-flow"] = () =>
        {
            // tp-a is in s1, tp-b and tp-c in s2; "kiosk-x" is not on the map: on, back, within, other, start and leave.
            var report = DataFixtures.Report() with
            {
                Metrics = DataFixtures.Report().Metrics with
                {
                    Flow =
                    [
                        new Core.Metrics.FlowEdge("tp-a", "tp-b", 30, 60), new Core.Metrics.FlowEdge("tp-a", "tp-c", 10, 60), new Core.Metrics.FlowEdge("tp-b", "tp-a", 5, 60),
                        new Core.Metrics.FlowEdge("tp-b", "tp-c", 3, 60), new Core.Metrics.FlowEdge("tp-a", "tp-a", 2, 60), new Core.Metrics.FlowEdge("kiosk-x", "tp-a", 4, 60),
                    ],
                    Endpoints = [new Core.Metrics.EndpointRow("tp-a", 40, 20), new Core.Metrics.EndpointRow("tp-b", 0, 15), new Core.Metrics.EndpointRow("tp-c", 0, 5)],
                },
            };
            return Rasterizer.SvgToPng(DataCharts.FlowSvg(report, small));
        };
        cases["chart-paths-sankey"] = () => Rasterizer.SvgToPng(DataCharts.SankeySvg(DataFixtures.Report(), small));
        cases["chart-trend"] = () => Rasterizer.SvgToPng(DataCharts.TrendSvg(DataFixtures.Report(), small));

        // PDF pages as printed (previews of the page plan) and slides.
        cases["pdf-demo-first-flight-a3-page-1"] = () => PdfPage(s_demo.Value.FindJourney("first-flight")!, s_demo.Value, PageSpec.MapDefault, 0);
        cases["pdf-15x12-long-texts-a4-page-2"] = () => PdfPage(long15, TestJourneys.Workspace(long15), new PageSpec(PaperSize.A4, PageOrientation.Landscape), 1);
        var deck = new Lazy<Rendering.Slides.SlideDeck>(() => Rendering.Slides.SlideDeckBuilder.Build(s_demo.Value.FindJourney("first-flight")!, s_demo.Value, new MapRenderOptions(today)));
        cases["slide-demo-first-flight-title"] = () => Rendering.Slides.SlidesPdfWriter.PreviewPng(deck.Value.Slides[0], 0.75f);
        cases["slide-demo-first-flight-stage-4"] = () => Rendering.Slides.SlidesPdfWriter.PreviewPng(deck.Value.Slides[5], 0.75f);
        cases["slide-demo-first-flight-opportunities"] = () => Rendering.Slides.SlidesPdfWriter.PreviewPng(deck.Value.Slides[^2], 0.75f);
        return cases;
    }

    private static byte[] PdfPage(Core.Documents.Journey journey, Workspace workspace, PageSpec page, int index)
    {
        var options = new MapRenderOptions(TestJourneys.Today, Page: page);
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);
        return Rasterizer.PagePreviewPng(layout.Scene.ToSvg(journey.Title), layout.Pages, index, 0.75f);
    }

    private static byte[] Map(Core.Documents.Journey journey, Workspace workspace, MapRenderOptions options) =>
        JourneyMapRenderer.RenderPng(journey, workspace, options);
}

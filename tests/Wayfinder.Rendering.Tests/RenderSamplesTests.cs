namespace Wayfinder.Rendering.Tests;

using Wayfinder.App.Workspaces;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>
/// Renders the samples into a temporary folder and checks every file is well-formed (PNG size, PDF pages, SVG XML);
/// with $WAYFINDER_RENDER_OUT set they are written there instead, for a person to look at.
/// </summary>
public sealed class RenderSamplesTests
{
    [Fact]
    public void MapSamplesRenderToWellFormedFiles()
    {
        using var folder = new SampleFolder();
        var dir = folder.Path;
        var options = new MapRenderOptions(TestJourneys.Today, 1f);
        foreach (var (name, journey) in new[] { ("map-3", TestJourneys.Map(3, longTexts: true)), ("map-15", TestJourneys.Map(15)), ("map-15-long", TestJourneys.Map(15, longTexts: true)) })
        {
            var workspace = TestJourneys.Workspace(journey);
            var svg = JourneyMapRenderer.RenderSvg(journey, workspace, options);
            File.WriteAllText(Path.Combine(dir, name + ".svg"), svg);
            File.WriteAllBytes(Path.Combine(dir, name + ".png"), Rasterizer.SvgToPng(svg, 1f));
            var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, options);
            File.WriteAllBytes(Path.Combine(dir, name + ".pdf"), pdf);
            var layout = JourneyMapRenderer.Layout(journey, workspace, options);
            Assert.Equal(layout.Pages.Count, SampleFolder.PdfPages(pdf, name + ".pdf"));
            for (var i = 0; i < layout.Pages.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(dir, $"{name}-page{i + 1}.png"), Rasterizer.PagePreviewPng(svg, layout.Pages, i));
            }

            var png = Rasterizer.SvgToPng(svg, 1f);
            Crop(png, Path.Combine(dir, name + "-crop-a.png"), 0, 0, 1400, 1000);
            Crop(png, Path.Combine(dir, name + "-crop-b.png"), 1300, 800, 1400, 1000);
        }

        folder.AssertAllWellFormed();
    }

    [Fact]
    public void CardChartsAndReportRenderToWellFormedFiles()
    {
        using var folder = new SampleFolder();
        var dir = folder.Path;
        var journey = TestJourneys.Map(6);
        var workspace = TestJourneys.Workspace(journey);
        var glyphNames = new[] { "web", "app", "email", "phone", "chat", "store", "social", "ad", "mail", "person", "kiosk", "video" };
        var glyphWorkspace = TestJourneys.Workspace();
        glyphWorkspace.Config.Channels.AddRange(glyphNames.Select(g => new Core.Workspaces.Channel { Id = "g-" + g, Name = "Glyph " + g, Glyph = g }));
        var glyphMap = new Core.Documents.Journey
        {
            Id = "glyphs",
            Title = "Channel glyphs",
            Stages = [new Core.Documents.Stage { Id = "a", Name = "A" }],
            Lanes = [new Core.Documents.Lane { Id = "t", Type = Core.Documents.LaneType.Touchpoints, Items = glyphNames.Select(g => new Core.Documents.LaneItem { Stage = "a", Channel = "g-" + g, Text = g }).ToList() }],
        };
        File.WriteAllBytes(Path.Combine(dir, "glyphs.png"), Rasterizer.SvgToPng(JourneyMapRenderer.RenderSvg(glyphMap, glyphWorkspace), 2));
        var withData = Rasterizer.SvgToPng(JourneyMapRenderer.RenderSvg(TestJourneys.Map(3), TestJourneys.Workspace(TestJourneys.Map(3)), new MapRenderOptions(TestJourneys.Today, 1, DataOverlayTests.Report())));
        Crop(withData, Path.Combine(dir, "map-3-data-crop.png"), 0, 360, 1500, 1000);
        var card = Personas.PersonaCardRenderer.RenderSvg(TestJourneys.Maya(), workspace, TestJourneys.Today);
        File.WriteAllBytes(Path.Combine(dir, "persona-maya.png"), Rasterizer.SvgToPng(card, 1f));
        var card2 = Personas.PersonaCardRenderer.RenderSvg(TestJourneys.Omar(), workspace, TestJourneys.Today);
        File.WriteAllBytes(Path.Combine(dir, "persona-omar.png"), Rasterizer.SvgToPng(card2, 1f));
        var gaps = Charts.DecisionCharts.ValueGapSvg(Core.Decisions.ValueGapAnalysis.Analyze(TestJourneys.MayaGaps()), workspace);
        File.WriteAllBytes(Path.Combine(dir, "value-gap.png"), Rasterizer.SvgToPng(gaps, 1f));
        var matrix = Charts.DecisionCharts.OpportunityMatrixSvg(Core.Decisions.OpportunityRanking.Rank([TestJourneys.Map(15)]));
        File.WriteAllBytes(Path.Combine(dir, "opportunities.png"), Rasterizer.SvgToPng(matrix, 1f));
        File.WriteAllText(Path.Combine(dir, "report.html"), Reports.HtmlReport.Render(journey, workspace, TestJourneys.Today));
        folder.AssertAllWellFormed();
    }

    [Fact]
    public void DemoWorkspaceRendersToWellFormedFiles()
    {
        using var folder = new SampleFolder();
        var dir = folder.Path;
        var root = App.Workspaces.WorkspaceFolder.FindRoot(Path.Combine(FindRepo(), "samples", "demo"));
        Assert.True(root is not null, "samples/demo is not a workspace");

        var (workspace, _) = App.Workspaces.WorkspaceFolder.Load(root!);
        foreach (var journey in workspace.Journeys.Select(j => j.Document))
        {
            var svg = JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today));
            File.WriteAllBytes(Path.Combine(dir, $"demo-{journey.Id}.png"), Rasterizer.SvgToPng(svg));
            Crop(Rasterizer.SvgToPng(svg), Path.Combine(dir, $"demo-{journey.Id}-top.png"), 0, 0, 1500, 700);
            File.WriteAllBytes(Path.Combine(dir, $"demo-{journey.Id}.pdf"), JourneyMapRenderer.RenderPdf(journey, workspace));
            File.WriteAllText(Path.Combine(dir, $"demo-{journey.Id}.html"), Reports.HtmlReport.Render(journey, workspace, TestJourneys.Today));
        }

        foreach (var persona in workspace.Personas.Select(p => p.Document))
        {
            File.WriteAllBytes(Path.Combine(dir, $"demo-persona-{persona.Id}.png"), Rasterizer.SvgToPng(Personas.PersonaCardRenderer.RenderSvg(persona, workspace, TestJourneys.Today)));
        }

        Assert.NotEmpty(workspace.Journeys);
        folder.AssertAllWellFormed();
    }

    internal static string FindRepo()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, "samples")))
            {
                return d.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private static void Crop(byte[] png, string path, int x, int y, int w, int h)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        w = Math.Min(w, bitmap.Width - x);
        h = Math.Min(h, bitmap.Height - y);
        if (w <= 0 || h <= 0)
        {
            return;
        }

        using var subset = new SkiaSharp.SKBitmap();
        bitmap.ExtractSubset(subset, new SkiaSharp.SKRectI(x, y, x + w, y + h));
        using var image = SkiaSharp.SKImage.FromBitmap(subset);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}

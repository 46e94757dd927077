namespace Wayfinder.Rendering.Tests;

using System.Xml.Linq;
using SkiaSharp;
using UglyToad.PdfPig;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Personas;
using Wayfinder.Rendering.Reports;

/// <summary>The workspace's brand in every rendering: band colours, logo, font; and the checks on it.</summary>
public sealed class BrandTests : IDisposable
{
    /// <summary>A DejaVu variant narrower than DejaVu Sans, installed with the DejaVu fonts.</summary>
    private const string CondensedFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf";

    private readonly string _root = Directory.CreateTempSubdirectory("wayfinder-brand-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void PrimaryColourIsTheBandFillAndThePalettesBandIsGone()
    {
        var svg = MapSvg(new Brand { Primary = "#5B2A86" });

        var fills = Svg.Parse(svg).Descendants(Svg.Ns + "rect").Select(r => (string?)r.Attribute("fill")).ToList();
        Assert.Contains("#5B2A86", fills);
        Assert.DoesNotContain(Palette.Band, svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Palette.BandAlt, svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AccentIsTheAlternateBand()
    {
        var svg = MapSvg(new Brand { Primary = "#5B2A86", Accent = "#7A3FA8" });

        var fills = Svg.Parse(svg).Descendants(Svg.Ns + "rect").Select(r => (string?)r.Attribute("fill")).ToList();
        Assert.Contains("#5B2A86", fills);
        Assert.Contains("#7A3FA8", fills);
    }

    [Fact]
    public void StageNamesOnALightPrimaryAreInDarkInk()
    {
        // White on #F0E442 (yellow) is 1.2:1; ink on it is 13.9:1.
        var dark = StageNameFill(MapSvg(new Brand { Primary = "#F0E442" }));
        var light = StageNameFill(MapSvg(new Brand { Primary = "#5B2A86" }));

        Assert.Equal(Palette.Ink, dark);
        Assert.Equal(Palette.Paper, light);
    }

    [Fact]
    public void LogoIsEmbeddedAsADataUriInMapPersonaAndChartSvgs()
    {
        WriteLogo("brand/logo.png", 20, 10);
        var workspace = Workspace(new Brand { Logo = "brand/logo.png" });
        var journey = TestJourneys.Map(3);

        var svgs = new[]
        {
            JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today)),
            PersonaCardRenderer.RenderSvg(TestJourneys.Maya(), workspace, TestJourneys.Today),
            DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(TestJourneys.MayaGaps()), workspace),
            DecisionCharts.OpportunityMatrixSvg(OpportunityRanking.Rank([journey]), BrandStyle.Of(workspace)),
        };

        foreach (var svg in svgs)
        {
            var root = Svg.Parse(svg).Root!;
            var logo = Assert.Single(root.Descendants(Svg.Ns + "image"), i => (string?)i.Attribute("data-brand") == "logo");

            // 20 × 10 fitted into 140 × 40: scaled by min(7, 4) = 4 to 80 × 40, 16 from the top and right edges.
            Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", (string?)logo.Attribute("href"), StringComparison.Ordinal);
            Assert.Equal("80", (string?)logo.Attribute("width"));
            Assert.Equal("40", (string?)logo.Attribute("height"));
            Assert.Equal("16", (string?)logo.Attribute("y"));
            Assert.Equal(float.Parse((string)root.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture) - 16 - 80,
                float.Parse((string)logo.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture), 0.01f);
        }
    }

    [Fact]
    public void HtmlReportCarriesTheLogoAndBandColour()
    {
        WriteLogo("logo.png", 40, 40);
        var html = HtmlReport.Render(TestJourneys.Map(3), Workspace(new Brand { Logo = "logo.png", Primary = "#5B2A86" }), TestJourneys.Today);

        Assert.Contains("header{background:#5B2A86;color:#FFFFFF}", html, StringComparison.Ordinal);
        Assert.Contains("<header><img class=\"logo\" alt=\"\" width=\"40\" height=\"40\" src=\"data:image/png;base64,", html, StringComparison.Ordinal);
    }

    [Fact]
    public void BrandFontChangesTheMeasuredWidthAndTheFontFamily()
    {
        Assert.True(File.Exists(CondensedFont), $"this test needs {CondensedFont} (the fonts-dejavu-extra package)");
        Directory.CreateDirectory(Path.Combine(_root, "fonts"));
        File.Copy(CondensedFont, Path.Combine(_root, "fonts", "brand.ttf"));
        var workspace = Workspace(new Brand { Font = "fonts/brand.ttf" });

        var brand = BrandStyle.Of(workspace);
        var condensed = brand.Measurer.Measure("Get through security", 12);
        var regular = DejaVuMeasurer.Instance.Measure("Get through security", 12);

        // DejaVu Sans Condensed is about 90% as wide as DejaVu Sans; its file says its width is semi-condensed.
        Assert.InRange(condensed / regular, 0.85f, 0.95f);
        Assert.Equal("DejaVu Sans Semi Condensed, DejaVu Sans, sans-serif", brand.FontFamily);
        var svg = JourneyMapRenderer.RenderSvg(TestJourneys.Map(3), workspace, new MapRenderOptions(TestJourneys.Today));
        Assert.Equal("DejaVu Sans Semi Condensed, DejaVu Sans, sans-serif", (string?)XDocument.Parse(svg).Root!.Attribute("font-family"));
    }

    [Fact]
    public void PdfIsSetInTheBrandFont()
    {
        Assert.True(File.Exists(CondensedFont), $"this test needs {CondensedFont} (the fonts-dejavu-extra package)");
        File.Copy(CondensedFont, Path.Combine(_root, "brand.ttf"));
        var workspace = Workspace(new Brand { Font = "brand.ttf" });

        var pdf = JourneyMapRenderer.RenderPdf(TestJourneys.Map(3), workspace, new MapRenderOptions(TestJourneys.Today));

        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.Contains("DejaVuSansCondensed", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingLogoAndBadColourAreErrorsSayingWhatToDo()
    {
        var problems = BrandCheck.Problems(new Brand { Logo = "brand/logo.png", Primary = "navy", Accent = "#FFE" }, _root);

        Assert.Equal(
            [
                new BrandProblem("brand.logo", "brand-logo", "no file \"brand/logo.png\" (paths are relative to the folder of wayfinder.yaml); put the logo there or correct the path"),
                new BrandProblem("brand.primary", "invalid-color", "\"navy\" is not a colour renderings can draw; write #RGB or #RRGGBB in hex digits, e.g. #CC79A7"),
                new BrandProblem("brand.accent", "brand-contrast",
                    "white text on #FFE has a contrast of 1.0:1, under 4.5:1; renderings write dark text on it instead (choose a darker colour to keep white text)", Severity.Warning),
            ],
            problems);
    }

    [Fact]
    public void NonImageLogoAndNonFontFileAreErrors()
    {
        File.WriteAllText(Path.Combine(_root, "logo.png"), "not a picture");
        File.WriteAllText(Path.Combine(_root, "font.ttf"), "not a font");

        var problems = BrandCheck.Problems(new Brand { Logo = "logo.png", Font = "font.ttf" }, _root);

        Assert.Equal(
            [
                "brand.logo: \"logo.png\" is not a PNG, JPEG or SVG image; convert it to one of them",
                "brand.font: \"font.ttf\" is not a TrueType or OpenType font file (.ttf, .otf) renderings can read; give one",
            ],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void ValidationReportsBrandProblemsAtTheirPlaceInWayfinderYaml()
    {
        const string Yaml = "name: Branded\nbrand:\n  logo: missing.png\n  primary: \"#12345\"\n";
        var branded = Workspace(new Brand { Logo = "missing.png", Primary = "#12345" });
        var workspace = new Workspace { Root = branded.Root, Config = branded.Config, ConfigText = Yaml };

        var errors = WorkspaceValidator.Validate(workspace, TestJourneys.Today).Diagnostics.Where(d => d.Path.StartsWith("brand.", StringComparison.Ordinal)).ToList();

        Assert.Equal(["wayfinder.yaml:3:9 brand.logo", "wayfinder.yaml:4:12 brand.primary"], errors.Select(e => $"{e.File}:{e.Line}:{e.Column} {e.Path}"));
    }

    [Fact]
    public void ABrokenBrandStillRendersInWayfindersOwnLook()
    {
        var svg = MapSvg(new Brand { Logo = "nowhere.png", Primary = "blue", Font = "nowhere.ttf" });

        Assert.Contains(Palette.Band, svg, StringComparison.Ordinal);
        Assert.DoesNotContain("data-brand", svg, StringComparison.Ordinal);
        Assert.Equal(DejaVuMeasurer.FontFamily, (string?)XDocument.Parse(svg).Root!.Attribute("font-family"));
    }

    private static string? StageNameFill(string svg) =>
        (string?)Svg.Parse(svg).Descendants(Svg.Ns + "text").First(t => t.Value == "Notice a need").Attribute("fill");

    private string MapSvg(Brand brand) =>
        JourneyMapRenderer.RenderSvg(TestJourneys.Map(3), Workspace(brand), new MapRenderOptions(TestJourneys.Today));

    private Workspace Workspace(Brand brand)
    {
        var workspace = TestJourneys.Workspace();
        return new Workspace
        {
            Root = _root,
            Config = workspace.Config with { Brand = brand },
            Personas = workspace.Personas,
            ValueGaps = workspace.ValueGaps,
        };
    }

    private void WriteLogo(string relative, int width, int height)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xD5, 0x5E, 0x00));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}

namespace Wayfinder.Rendering.Tests;

using Wayfinder.Rendering.JourneyMaps;

/// <summary>Writes the sample renderings to $WAYFINDER_RENDER_OUT for a person to look at; does nothing otherwise.</summary>
public sealed class RenderSamplesTests
{
    [Fact]
    public void SamplesAreWrittenWhenAskedFor()
    {
        var dir = Environment.GetEnvironmentVariable("WAYFINDER_RENDER_OUT");
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        var options = new MapRenderOptions(TestJourneys.Today, 1f);
        foreach (var (name, journey) in new[] { ("map-3", TestJourneys.Map(3, longTexts: true)), ("map-15", TestJourneys.Map(15)), ("map-15-long", TestJourneys.Map(15, longTexts: true)) })
        {
            var workspace = TestJourneys.Workspace(journey);
            var svg = JourneyMapRenderer.RenderSvg(journey, workspace, options);
            File.WriteAllText(Path.Combine(dir, name + ".svg"), svg);
            File.WriteAllBytes(Path.Combine(dir, name + ".png"), Rasterizer.SvgToPng(svg, 1f));
            File.WriteAllBytes(Path.Combine(dir, name + ".pdf"), JourneyMapRenderer.RenderPdf(journey, workspace, options));
        }
    }
}

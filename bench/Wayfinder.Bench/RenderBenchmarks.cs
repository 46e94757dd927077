namespace Wayfinder.Bench;

using BenchmarkDotNet.Attributes;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>Journey map to SVG: layout (text measuring and wrapping included) plus writing the SVG string.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly Workspace _workspace = BenchMaps.Workspace();
    private readonly Journey _small = BenchMaps.Map(5);
    private readonly Journey _large = BenchMaps.Map(15);

    [Benchmark(Baseline = true, Description = "RenderSvg 5 stages x 12 lanes")]
    public string RenderSvg5x12() => JourneyMapRenderer.RenderSvg(_small, _workspace);

    [Benchmark(Description = "RenderSvg 15 stages x 12 lanes")]
    public string RenderSvg15x12() => JourneyMapRenderer.RenderSvg(_large, _workspace);
}

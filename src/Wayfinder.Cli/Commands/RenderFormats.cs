namespace Wayfinder.Cli.Commands;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Mermaid;
using Wayfinder.Rendering.Personas;
using Wayfinder.Rendering.Reports;
using Wayfinder.Rendering.Tables;

/// <summary>What <c>wayfinder render</c> can write.</summary>
internal enum RenderFormat
{
    Svg,
    Png,
    Pdf,
    Html,
    Xlsx,
    Csv,
    Mermaid,
}

/// <summary>Which format each kind of document renders to, with which extension, and how.</summary>
internal static class RenderFormats
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<RenderFormat>().Select(NameOf)];

    public static string NameOf(RenderFormat format) => format.ToString().ToLowerInvariant();

    public static string Extension(RenderFormat format) => format == RenderFormat.Mermaid ? "mmd" : NameOf(format);

    public static bool TryParse(string text, out RenderFormat format)
    {
        var normalized = text.Trim().ToLowerInvariant() switch
        {
            "mmd" => "mermaid",
            "excel" => "xlsx",
            "htm" => "html",
            var other => other,
        };
        return Enum.TryParse(normalized, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(normalized, out _);
    }

    /// <summary>Journeys render to every format; persona cards and value gap charts to images (SVG, PNG, PDF).</summary>
    public static bool Supports(DocumentKind kind, RenderFormat format) =>
        kind == DocumentKind.Journey || format is RenderFormat.Svg or RenderFormat.Png or RenderFormat.Pdf;

    public static IEnumerable<RenderFormat> SupportedBy(DocumentKind kind) => Enum.GetValues<RenderFormat>().Where(f => Supports(kind, f));

    /// <summary>Renders one document and writes it to <paramref name="path"/>.</summary>
    public static void Write(IDocument document, RenderFormat format, Workspace workspace, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (document)
        {
            case Journey journey:
                WriteJourney(journey, format, workspace, path);
                break;
            case Persona persona:
                WriteImage(PersonaCardRenderer.RenderSvg(persona, workspace), format, path);
                break;
            case ValueGapMap map:
                WriteImage(DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), workspace), format, path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(document), document.Kind, "no renderer for this kind of document");
        }
    }

    private static void WriteJourney(Journey journey, RenderFormat format, Workspace workspace, string path)
    {
        switch (format)
        {
            case RenderFormat.Svg:
                File.WriteAllText(path, JourneyMapRenderer.RenderSvg(journey, workspace));
                break;
            case RenderFormat.Png:
                File.WriteAllBytes(path, JourneyMapRenderer.RenderPng(journey, workspace));
                break;
            case RenderFormat.Pdf:
                File.WriteAllBytes(path, JourneyMapRenderer.RenderPdf(journey, workspace));
                break;
            case RenderFormat.Html:
                File.WriteAllText(path, HtmlReport.Render(journey, workspace));
                break;
            case RenderFormat.Xlsx:
                // Rendered in memory first so a failure leaves no half-written workbook behind.
                using (var buffer = new MemoryStream())
                {
                    LaneTables.WriteXlsx(journey, workspace, buffer);
                    File.WriteAllBytes(path, buffer.ToArray());
                }

                break;
            case RenderFormat.Csv:
                File.WriteAllText(path, LaneTables.ToCsv(journey, workspace));
                break;
            case RenderFormat.Mermaid:
                File.WriteAllText(path, MermaidJourney.Export(journey));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static void WriteImage(string svg, RenderFormat format, string path)
    {
        switch (format)
        {
            case RenderFormat.Svg:
                File.WriteAllText(path, svg);
                break;
            case RenderFormat.Png:
                File.WriteAllBytes(path, Rasterizer.SvgToPng(svg));
                break;
            case RenderFormat.Pdf:
                File.WriteAllBytes(path, Rasterizer.SvgToPdf(svg));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "only svg, png and pdf for this kind of document");
        }
    }
}

namespace Wayfinder.App.Rendering;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Mermaid;
using Wayfinder.Rendering.Personas;
using Wayfinder.Rendering.Reports;
using Wayfinder.Rendering.Slides;
using Wayfinder.Rendering.Tables;

/// <summary>What a document can be rendered to.</summary>
public enum RenderFormat
{
    Svg,
    Png,
    Pdf,
    Html,
    Xlsx,
    Csv,
    Mermaid,
    Pptx,
    Slides,
}

/// <summary>Which format each kind of document renders to, with which extension, and how.</summary>
public static class RenderFormats
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<RenderFormat>().Select(NameOf)];

    public static string NameOf(RenderFormat format) => format.ToString().ToLowerInvariant();

    public static string Extension(RenderFormat format) => format switch
    {
        RenderFormat.Mermaid => "mmd",
        RenderFormat.Slides => "slides.pdf",
        _ => NameOf(format),
    };

    public static bool TryParse(string text, out RenderFormat format)
    {
        var normalized = text.Trim().ToLowerInvariant() switch
        {
            "mmd" => "mermaid",
            "excel" => "xlsx",
            "htm" => "html",
            "slides.pdf" => "slides",
            var other => other,
        };
        return Enum.TryParse(normalized, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(normalized, out _);
    }

    /// <summary>Journeys render to every format; persona cards and value gap charts to images (SVG, PNG, PDF).</summary>
    public static bool Supports(DocumentKind kind, RenderFormat format) =>
        kind == DocumentKind.Journey || format is RenderFormat.Svg or RenderFormat.Png or RenderFormat.Pdf;

    public static IEnumerable<RenderFormat> SupportedBy(DocumentKind kind) => Enum.GetValues<RenderFormat>().Where(f => Supports(kind, f));

    /// <summary>True for the formats written as text (the others are binary).</summary>
    public static bool IsText(RenderFormat format) => format is RenderFormat.Svg or RenderFormat.Html or RenderFormat.Csv or RenderFormat.Mermaid;

    /// <summary>The media type of a format, for downloads.</summary>
    public static string MediaType(RenderFormat format) => format switch
    {
        RenderFormat.Svg => "image/svg+xml",
        RenderFormat.Png => "image/png",
        RenderFormat.Pdf => "application/pdf",
        RenderFormat.Html => "text/html",
        RenderFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        RenderFormat.Csv => "text/csv",
        RenderFormat.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        RenderFormat.Slides => "application/pdf",
        _ => "text/plain",
    };

    /// <summary>Renders one document in one format (which must be one it supports: <see cref="Supports"/>); text formats as UTF-8 without a BOM.</summary>
    public static byte[] Render(IDocument document, RenderFormat format, Workspace workspace) => Render(document, format, workspace, RenderSettings.Default);

    /// <summary>Renders one document in one format laid out as <paramref name="settings"/> say.</summary>
    public static byte[] Render(IDocument document, RenderFormat format, Workspace workspace, RenderSettings settings) => document switch
    {
        Journey journey => RenderJourney(journey, format, workspace, settings),
        Persona persona when format == RenderFormat.Pdf => PersonaCardRenderer.RenderPdf(persona, workspace, settings.Page ?? PersonaCardRenderer.DefaultPage),
        Persona persona => RenderImage(PersonaCardRenderer.RenderSvg(persona, workspace), format),
        ValueGapMap map => RenderImage(DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), workspace), format, settings.Page),
        _ => throw new ArgumentOutOfRangeException(nameof(document), document.Kind, "no renderer for this kind of document"),
    };

    /// <summary>An SVG picture as SVG, PNG or PDF.</summary>
    /// <param name="page">The paper a PDF is printed on; null is a page the picture's own size.</param>
    public static byte[] RenderImage(string svg, RenderFormat format, PageSpec? page = null) => format switch
    {
        RenderFormat.Svg => Utf8(svg),
        RenderFormat.Png => Rasterizer.SvgToPng(svg),
        RenderFormat.Pdf => page is { } paper ? Rasterizer.SvgToPdf(svg, paper) : Rasterizer.SvgToPdf(svg),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "only svg, png and pdf for this kind of document"),
    };

    private static byte[] RenderJourney(Journey journey, RenderFormat format, Workspace workspace, RenderSettings settings)
    {
        var options = settings.MapOptions();
        if (format is RenderFormat.Html or RenderFormat.Xlsx or RenderFormat.Csv)
        {
            // The map formats make the view as they lay out; the others show the same lanes and stages.
            journey = JourneyView.Apply(journey, options);
        }

        switch (format)
        {
            case RenderFormat.Svg:
                return Utf8(JourneyMapRenderer.RenderSvg(journey, workspace, options));
            case RenderFormat.Png:
                return JourneyMapRenderer.RenderPng(journey, workspace, options);
            case RenderFormat.Pdf:
                return JourneyMapRenderer.RenderPdf(journey, workspace, options);
            case RenderFormat.Html:
                return Utf8(HtmlReport.Render(journey, workspace));
            case RenderFormat.Xlsx:
                using (var buffer = new MemoryStream())
                {
                    LaneTables.WriteXlsx(journey, workspace, buffer);
                    return buffer.ToArray();
                }

            case RenderFormat.Csv:
                return Utf8(LaneTables.ToCsv(journey, workspace, settings.CsvLayout));
            case RenderFormat.Mermaid:
                return Utf8(MermaidJourney.Export(journey));
            case RenderFormat.Pptx:
                return PptxWriter.Write(SlideDeckBuilder.Build(journey, workspace, options));
            case RenderFormat.Slides:
                return SlidesPdfWriter.Write(SlideDeckBuilder.Build(journey, workspace, options));
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>Text as File.WriteAllText writes it: UTF-8 without a byte order mark.</summary>
    internal static byte[] Utf8(string text) => new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
}

namespace Wayfinder.Rendering.Tests;

using System.Xml.Linq;

/// <summary>Reads rendered SVG back for assertions.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    /// <summary>Every text element's content, in paint order, joined by spaces (wrapped lines join back into their text).</summary>
    public static string AllText(string svg) => string.Join(" ", Parse(svg).Descendants(Ns + "text").Select(t => t.Value));
}

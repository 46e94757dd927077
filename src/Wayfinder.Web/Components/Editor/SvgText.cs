namespace Wayfinder.Web.Components.Editor;

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

/// <summary>An SVG &lt;text&gt; element, which Razor markup cannot write (it reserves the tag); the content goes in as text, escaped.</summary>
public static class SvgText
{
    public static RenderFragment Label(double x, double y, string cssClass, string content, string? anchor = null) => builder => Build(builder, x, y, cssClass, content, anchor);

    private static void Build(RenderTreeBuilder builder, double x, double y, string cssClass, string content, string? anchor)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "class", cssClass);
        builder.AddAttribute(2, "x", x.ToString("0.##", CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "y", y.ToString("0.##", CultureInfo.InvariantCulture));
        if (anchor is not null)
        {
            builder.AddAttribute(4, "text-anchor", anchor);
        }

        builder.AddContent(5, content);
        builder.CloseElement();
    }
}

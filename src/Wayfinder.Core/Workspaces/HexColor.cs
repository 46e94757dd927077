namespace Wayfinder.Core.Workspaces;

/// <summary>
/// The one form a colour in <c>wayfinder.yaml</c> may take: <c>#RGB</c> or <c>#RRGGBB</c> in hex digits of either case.
/// The validator reports anything else; renderings draw only colours of this form, so config never reaches an SVG raw.
/// </summary>
public static class HexColor
{
    /// <summary>How the accepted form is described in messages.</summary>
    public const string Form = "#RGB or #RRGGBB in hex digits, e.g. #CC79A7";

    public static bool IsValid(string? color)
    {
        if (color is null || color.Length is not (4 or 7) || color[0] != '#')
        {
            return false;
        }

        for (var i = 1; i < color.Length; i++)
        {
            if (!char.IsAsciiHexDigit(color[i]))
            {
                return false;
            }
        }

        return true;
    }
}

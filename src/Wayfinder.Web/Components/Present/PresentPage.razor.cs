namespace Wayfinder.Web.Components.Present;

using System.Text.RegularExpressions;

public sealed partial class PresentPage
{
    // The renderer writes the size and viewBox first, in this order (Scene.ToSvg).
    [GeneratedRegex("width=\"[0-9.]+\" height=\"[0-9.]+\" viewBox=\"[0-9. ]+\"")]
    private static partial Regex CropPattern();
}

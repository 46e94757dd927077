namespace Wayfinder.Web.Components.ValueGaps;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;

/// <summary>The value gap chart <c>wayfinder value-gap</c> draws, for a map being edited (not yet stored).</summary>
public static class ValueGapChart
{
    /// <summary>The renderer's SVG of <paramref name="map"/>, in a copy of <paramref name="workspace"/> holding that version of it.</summary>
    public static string Svg(Workspace workspace, ValueGapMap map)
    {
        var copy = new Workspace
        {
            Root = workspace.Root,
            Config = workspace.Config,
            ConfigText = workspace.ConfigText,
            Personas = workspace.Personas,
            Journeys = workspace.Journeys,
            ValueGaps = [.. workspace.ValueGaps.Where(v => v.Document.Id != map.Id), new SourcedDocument<ValueGapMap>(map, "", "")],
        };
        return DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), copy);
    }
}

/// <summary>One edit of a value gap map: how to change it (applied by the page to a draft) and what was done, for undo.</summary>
public sealed record ValueGapEdit(Func<ValueGapMap, ValueGapMap> Change, string What);

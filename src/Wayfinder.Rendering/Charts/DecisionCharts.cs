namespace Wayfinder.Rendering.Charts;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Workspaces;

/// <summary>Value gap chart and opportunity matrix as SVG.</summary>
public static class DecisionCharts
{
    public static string ValueGapSvg(ValueGapResult result, Workspace workspace) => throw new NotImplementedException("contract stub");

    public static string OpportunityMatrixSvg(IReadOnlyList<RankedOpportunity> opportunities) => throw new NotImplementedException("contract stub");
}

namespace Wayfinder.Rendering.Tables;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>The lanes of a journey as CSV or an Excel workbook.</summary>
public static class LaneTables
{
    public static string ToCsv(Journey journey, Workspace workspace) => throw new NotImplementedException("contract stub");

    public static void WriteXlsx(Journey journey, Workspace workspace, Stream output) => throw new NotImplementedException("contract stub");
}

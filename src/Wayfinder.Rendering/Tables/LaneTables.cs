namespace Wayfinder.Rendering.Tables;

using MiniExcelLibs;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The lanes of a journey as tables: the map as a grid (a row per lane, a column per stage or step), the items in
/// long form (a row per item with every field), and the stages. As CSV (RFC 4180, CRLF) or as one Excel workbook with
/// the sheets Map, Items and Stages. In CSV a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR
/// gets a leading <c>'</c> so spreadsheets do not run it as a formula (plain numbers such as <c>-1.5</c> excepted).
/// See README.md beside this file.
/// </summary>
public static class LaneTables
{
    /// <summary>
    /// The map as a grid: a header row <c>lane, &lt;stage names…&gt;</c> (a stage with steps gets a column per step,
    /// <c>Stage / Step</c>, and a column of its own only when items sit on the stage itself), then one row per lane
    /// whose cells hold that lane's items for the column, one per line. Items of an unknown stage appear only in the
    /// long form (<see cref="ToItemsCsv"/>).
    /// </summary>
    public static string ToCsv(Journey journey, Workspace workspace) => Csv.Write(LaneGrid.Map(journey, workspace));

    /// <summary>The items in long form: one row per item with every field, its stage and step names and its evidence grade.</summary>
    public static string ToItemsCsv(Journey journey, Workspace workspace) => Csv.Write(LaneGrid.Items(journey, workspace));

    /// <summary>The stages: id, name, goal, description, steps (names, one per line), loops to, sub-journey.</summary>
    public static string ToStagesCsv(Journey journey) => Csv.Write(LaneGrid.Stages(journey));

    /// <summary>
    /// Writes an .xlsx with the sheets Map (the grid of <see cref="ToCsv"/>), Items (<see cref="ToItemsCsv"/>) and
    /// Stages (<see cref="ToStagesCsv"/>). Cells hold the values as they are, without the CSV formula guard: text is
    /// stored as text, which spreadsheets never evaluate; numbers (scores, values, effort) are stored as numbers.
    /// </summary>
    public static void WriteXlsx(Journey journey, Workspace workspace, Stream output)
    {
        // The header goes in as the first data row: column keys must be unique, stage names need not be.
        output.SaveAs(Sheets(journey, workspace), printHeader: false);
    }

    /// <summary>Writes the workbook of <see cref="WriteXlsx"/> asynchronously, e.g. to an HTTP response.</summary>
    public static async Task WriteXlsxAsync(Journey journey, Workspace workspace, Stream output, CancellationToken cancellationToken = default) =>
        await output.SaveAsAsync(Sheets(journey, workspace), printHeader: false, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static Dictionary<string, object> Sheets(Journey journey, Workspace workspace) => new()
    {
        ["Map"] = Sheet(LaneGrid.Map(journey, workspace)),
        ["Items"] = Sheet(LaneGrid.Items(journey, workspace)),
        ["Stages"] = Sheet(LaneGrid.Stages(journey)),
    };

    private static List<Dictionary<string, object?>> Sheet(IEnumerable<IReadOnlyList<object?>> rows) =>
        [.. rows.Select(row => row.Select((value, i) => (Key: "c" + i, value)).ToDictionary(c => c.Key, c => c.value))];
}

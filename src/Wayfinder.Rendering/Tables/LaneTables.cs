namespace Wayfinder.Rendering.Tables;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The lanes of a journey as tables: the items in tidy form (a row per item with its ids and every field), the map as
/// a grid (a row per lane, a column per stage or step), and the stages. As CSV (RFC 4180, CRLF) or as one Excel
/// workbook with the sheets Items, Map and Stages. In CSV a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or CR gets a leading <c>'</c> so spreadsheets do not run it as a formula (plain numbers such as
/// <c>-1.5</c> excepted). See README.md beside this file.
/// </summary>
public static class LaneTables
{
    /// <summary>
    /// The journey as CSV. <see cref="CsvLayout.Tidy"/>: one row per lane item with its ids — <c>journey_id, lane_id,
    /// lane, lane_type, stage_id, stage, step_id, step, item_id, text</c>, then every item field — by lane, then stage
    /// and step order. <see cref="CsvLayout.Grid"/>: a header row <c>lane, &lt;stage names…&gt;</c> (a stage with steps
    /// gets a column per step, <c>Stage / Step</c>, and a column of its own only when items sit on the stage itself),
    /// then one row per lane whose cells hold that lane's items for the column, one per line; items of an unknown
    /// stage appear only in the tidy table.
    /// </summary>
    public static string ToCsv(Journey journey, Workspace workspace, CsvLayout layout = CsvLayout.Tidy) => layout switch
    {
        CsvLayout.Grid => Csv.Write(LaneGrid.Map(journey, workspace)),
        _ => Csv.Write(LaneGrid.Items(journey, workspace)),
    };

    /// <summary>The stages: journey id, stage id, name, goal, description, steps (names, one per line), loops to, sub-journey.</summary>
    public static string ToStagesCsv(Journey journey) => Csv.Write(LaneGrid.Stages(journey));

    /// <summary>
    /// Writes an .xlsx with the sheets Items (the tidy table of <see cref="ToCsv"/>), Map (the grid, with a
    /// <c>journey_id</c> column first) and Stages (<see cref="ToStagesCsv"/>). Each sheet has a bold, frozen header
    /// row with a filter and columns sized to their content. Cells hold the values as they are, without the CSV
    /// formula guard: text is stored as text, which spreadsheets never evaluate; scores, values and effort are
    /// numbers; KPI targets and actuals are numbers with a format that shows them as written (<c>40%</c> is 0.4
    /// shown as <c>40.0%</c>), ranges and free text stay text.
    /// </summary>
    public static void WriteXlsx(Journey journey, Workspace workspace, Stream output) => Workbook.Write(Sheets(journey, workspace), output);

    /// <summary>Writes the workbook of <see cref="WriteXlsx"/> asynchronously, e.g. to an HTTP response.</summary>
    public static async Task WriteXlsxAsync(Journey journey, Workspace workspace, Stream output, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        Workbook.Write(Sheets(journey, workspace), buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<Sheet> Sheets(Journey journey, Workspace workspace) =>
    [
        new("Items", [.. LaneGrid.Items(journey, workspace)]),
        new("Map", [.. LaneGrid.Map(journey, workspace).Select((row, i) => (IReadOnlyList<object?>)[i == 0 ? "journey_id" : journey.Id, .. row])]),
        new("Stages", [.. LaneGrid.Stages(journey)]),
    ];
}

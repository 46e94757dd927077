namespace Wayfinder.Rendering.Tests.Tables;

using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

/// <summary>One cell as a spreadsheet reads it: its type (s text, n number, b boolean), its value and its number format code.</summary>
internal sealed record XlsxCell(string Type, string Value, string Format)
{
    public double Number => double.Parse(Value, CultureInfo.InvariantCulture);
}

/// <summary>One sheet read back with DocumentFormat.OpenXml: cells by reference, column widths, frozen rows, bold cells.</summary>
internal sealed record XlsxSheet(Dictionary<string, XlsxCell> Cells, List<double> Widths, double FrozenRows, HashSet<string> Bold, string? Filter)
{
    public XlsxCell this[string reference] => Cells[reference];

    /// <summary>The row's values as text (null for an empty cell), columns A.. up to <paramref name="columns"/>.</summary>
    public IReadOnlyList<string?> Row(int row, int columns) =>
        [.. Enumerable.Range(0, columns).Select(c => Cells.TryGetValue(Rendering.Tables.Workbook.ColumnName(c) + row, out var cell) ? cell.Value : null)];
}

internal static class XlsxFile
{
    public static List<string> SheetNames(Stream stream)
    {
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        return [.. document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];
    }

    /// <summary>What OpenXmlValidator finds wrong with the package, as "part: description" lines.</summary>
    public static List<string> Problems(Stream stream)
    {
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        return [.. new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri}: {e.Description}")];
    }

    public static XlsxSheet Read(Stream stream, string name)
    {
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var codes = stylesheet.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var fonts = stylesheet.Fonts!.Elements<Font>().ToList();

        var cells = new Dictionary<string, XlsxCell>(StringComparer.Ordinal);
        var bold = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in worksheet.Descendants<Cell>())
        {
            var format = formats[(int)(cell.StyleIndex?.Value ?? 0)];
            var formatId = format.NumberFormatId?.Value ?? 0;
            var code = formatId == 0 ? "General" : codes[formatId];
            var type = cell.DataType?.Value switch
            {
                null => "n",
                var t when t == CellValues.InlineString || t == CellValues.SharedString || t == CellValues.String => "s",
                var t when t == CellValues.Boolean => "b",
                var t => t.ToString() ?? "?",
            };
            var value = type == "s" ? cell.InlineString!.InnerText : cell.CellValue!.Text;
            cells[cell.CellReference!.Value!] = new XlsxCell(type, value, code);
            if (fonts[(int)(format.FontId?.Value ?? 0)].Bold is not null)
            {
                bold.Add(cell.CellReference!.Value!);
            }
        }

        var widths = worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        var pane = worksheet.Descendants<Pane>().SingleOrDefault();
        var frozen = pane?.State?.Value == PaneStateValues.Frozen ? pane.VerticalSplit!.Value : 0;
        return new XlsxSheet(cells, widths, frozen, bold, worksheet.Descendants<AutoFilter>().SingleOrDefault()?.Reference?.Value);
    }
}

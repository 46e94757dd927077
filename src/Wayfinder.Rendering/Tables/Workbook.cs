namespace Wayfinder.Rendering.Tables;

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

/// <summary>
/// A number shown with an Excel number format (<c>0.0%</c>, <c>"&gt;= "0.0%</c>, <c>General" days"</c>). The workbook
/// stores <see cref="Value"/> with <see cref="Format"/>; CSV writes <see cref="Text"/> when there is one (a KPI target
/// as written), else the bare value.
/// </summary>
internal readonly record struct Formatted(double Value, string Format, string? Text = null)
{
    public const string Percent = "0.0%";

    public static Formatted Share(double share) => new(share, Percent);
}

/// <summary>One sheet: its name and its rows, the first being the header.</summary>
internal sealed record Sheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes sheets of typed cells as an .xlsx with DocumentFormat.OpenXml: strings as text, numbers as numbers (with
/// their <see cref="Formatted"/> number format), <see cref="DateOnly"/> as dates (<c>yyyy-mm-dd</c>), booleans as
/// booleans. Every sheet gets a bold, frozen header row with a filter and columns sized to their content
/// (<see cref="Width"/>). MiniExcel was dropped because it sets one format per column, and a KPI column mixes
/// percentages, durations and plain numbers.
/// </summary>
internal static class Workbook
{
    /// <summary>Columns are never wider than this many characters; longer text wraps.</summary>
    public const int MaxWidth = 60;

    /// <summary>Excel's limit on the characters in a cell.</summary>
    private const int MaxCellText = 32767;

    private const string DateFormat = "yyyy-mm-dd";

    public static void Write(IEnumerable<Sheet> sheets, Stream output)
    {
        // SpreadsheetDocument needs a seekable stream; an HTTP response is not one.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var styles = new Styles();
            var sheetList = new Sheets();
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                // Fixed relationship ids, so the same tables give the same parts (the default ids are random).
                var part = workbookPart.AddNewPart<WorksheetPart>("rId" + sheetId.ToString(CultureInfo.InvariantCulture));
                part.Worksheet = Worksheet(sheet, styles);
                sheetList.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
            }

            workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(sheetList);
            workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles").Stylesheet = styles.Stylesheet();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// A column's width in characters: its longest line (header included, numbers as displayed) plus 2 for padding,
    /// the line capped at <see cref="MaxWidth"/>.
    /// </summary>
    public static double Width(IEnumerable<object?> column) =>
        Math.Min(column.Select(Display).SelectMany(text => text.Split('\n')).Select(line => line.Length).DefaultIfEmpty(0).Max(), MaxWidth) + 2;

    /// <summary>About what a spreadsheet shows for a value, for sizing its column.</summary>
    internal static string Display(object? value) => value switch
    {
        null => "",
        string s => s,
        Formatted f => f.Text ?? (f.Format.Contains("General", StringComparison.Ordinal)
            ? f.Value.ToString(CultureInfo.InvariantCulture)
            : f.Value.ToString(f.Format, CultureInfo.InvariantCulture)),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    private static Worksheet Worksheet(Sheet sheet, Styles styles)
    {
        var columnCount = sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Count);
        var worksheet = new Worksheet();
        worksheet.Append(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = "A2",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        })
        { WorkbookViewId = 0 }));
        if (columnCount > 0)
        {
            var columns = new Columns();
            for (var c = 0; c < columnCount; c++)
            {
                var index = c;
                var width = Width(sheet.Rows.Select(r => index < r.Count ? r[index] : null));
                columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width, CustomWidth = true });
            }

            worksheet.Append(columns);
        }

        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < sheet.Rows[r].Count; c++)
            {
                if (Cell(sheet.Rows[r][c], header: r == 0, styles) is { } cell)
                {
                    cell.CellReference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    row.Append(cell);
                }
            }

            data.Append(row);
        }

        worksheet.Append(data);
        if (columnCount > 0)
        {
            worksheet.Append(new AutoFilter { Reference = $"A1:{ColumnName(columnCount - 1)}{Math.Max(sheet.Rows.Count, 1).ToString(CultureInfo.InvariantCulture)}" });
        }

        return worksheet;
    }

    private static Cell? Cell(object? value, bool header, Styles styles)
    {
        switch (value)
        {
            case null:
                return null;
            case bool b:
                return new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0"), StyleIndex = styles.Of(header, wrap: false, null) };
            case DateOnly d:
                return new Cell { CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = styles.Of(header, wrap: false, DateFormat) };
            case Formatted f when double.IsFinite(f.Value):
                return new Cell { CellValue = new CellValue(f.Value), StyleIndex = styles.Of(header, wrap: false, f.Format) };
            case double n when double.IsFinite(n):
                return new Cell { CellValue = new CellValue(n), StyleIndex = styles.Of(header, wrap: false, null) };
            case int n:
                return new Cell { CellValue = new CellValue(n), StyleIndex = styles.Of(header, wrap: false, null) };
            case long n:
                return new Cell { CellValue = new CellValue((double)n), StyleIndex = styles.Of(header, wrap: false, null) };
            default:
                var text = Clean(Display(value));
                return new Cell
                {
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
                    StyleIndex = styles.Of(header, wrap: text.Contains('\n', StringComparison.Ordinal) || text.Length > MaxWidth, null),
                };
        }
    }

    /// <summary>Text a cell can hold: no control characters XML forbids, at most Excel's 32,767 characters.</summary>
    private static string Clean(string text)
    {
        var clean = string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c;
            }
        });
        return clean.Length > MaxCellText ? clean[..MaxCellText] : clean;
    }

    /// <summary>The column's letters: 0 is A, 25 is Z, 26 is AA.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The cell formats the sheets use, made on demand: header or not, wrapped or not, a number format.</summary>
    private sealed class Styles
    {
        private const uint FirstCustomFormat = 164;
        private readonly List<(bool Bold, bool Wrap, uint FormatId)> _formats = [(false, false, 0)];
        private readonly List<string> _numberFormats = [];

        public uint Of(bool bold, bool wrap, string? format)
        {
            uint formatId = 0;
            if (format is not null && format != "General")
            {
                var index = _numberFormats.IndexOf(format);
                if (index < 0)
                {
                    _numberFormats.Add(format);
                    index = _numberFormats.Count - 1;
                }

                formatId = FirstCustomFormat + (uint)index;
            }

            var key = (bold, wrap, formatId);
            var at = _formats.IndexOf(key);
            if (at < 0)
            {
                _formats.Add(key);
                at = _formats.Count - 1;
            }

            return (uint)at;
        }

        public Stylesheet Stylesheet()
        {
            var numberFormats = new NumberingFormats(_numberFormats.Select((code, i) => new NumberingFormat { NumberFormatId = FirstCustomFormat + (uint)i, FormatCode = code }))
            {
                Count = (uint)_numberFormats.Count,
            };
            var fonts = new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 };
            var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 };
            var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 };
            var cellFormats = new CellFormats(_formats.Select(f =>
            {
                var format = new CellFormat
                {
                    NumberFormatId = f.FormatId,
                    FontId = f.Bold ? 1u : 0u,
                    FillId = 0,
                    BorderId = 0,
                    FormatId = 0,
                    ApplyFont = f.Bold,
                    ApplyNumberFormat = f.FormatId != 0,
                };
                if (f.Wrap)
                {
                    format.Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top };
                    format.ApplyAlignment = true;
                }

                return format;
            }))
            {
                Count = (uint)_formats.Count,
            };
            var stylesheet = new Stylesheet();
            if (_numberFormats.Count > 0)
            {
                stylesheet.Append(numberFormats);
            }

            stylesheet.Append(fonts, fills, borders, new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 }, cellFormats);
            return stylesheet;
        }
    }
}

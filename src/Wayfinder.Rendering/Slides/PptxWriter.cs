namespace Wayfinder.Rendering.Slides;

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Wayfinder.Rendering.Drawing;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

/// <summary>
/// Writes a <see cref="SlideDeck"/> as a PowerPoint file (DocumentFormat.OpenXml): text boxes and tables of real,
/// editable text runs, pictures as PNGs. One master with one "Title Only" layout; each slide's title is its title
/// placeholder, so PowerPoint's outline and screen readers find it.
/// </summary>
public static class PptxWriter
{
    private const long EmuPerPoint = 12700;
    private const string Font = "DejaVu Sans";

    public static byte[] Write(SlideDeck deck)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var master = presentation.AddNewPart<SlideMasterPart>("rIdMaster");
            var layout = master.AddNewPart<SlideLayoutPart>("rIdLayout");
            layout.SlideLayout = new P.SlideLayout(PptxParts.Layout);
            layout.AddPart(master);
            master.SlideMaster = new P.SlideMaster(PptxParts.Master);
            var theme = master.AddNewPart<ThemePart>("rIdTheme");
            theme.Theme = new A.Theme(PptxParts.Theme);
            presentation.AddPart(theme);

            var ids = new P.SlideIdList();
            for (var i = 0; i < deck.Slides.Count; i++)
            {
                var part = presentation.AddNewPart<SlidePart>($"rIdSlide{i + 1}");
                part.AddPart(layout);
                part.Slide = SlideXml(deck.Slides[i], part);
                ids.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = $"rIdSlide{i + 1}" });
            }

            presentation.Presentation = new P.Presentation(
                new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rIdMaster" }),
                ids,
                new P.SlideSize { Cx = (int)Emu(SlideDeck.Width), Cy = (int)Emu(SlideDeck.Height) },
                new P.NotesSize { Cx = 6858000, Cy = 9144000 });
            document.PackageProperties.Title = deck.Title;
            document.PackageProperties.Creator = "Wayfinder";
        }

        return stream.ToArray();
    }

    private static P.Slide SlideXml(Slide slide, SlidePart part)
    {
        var tree = new P.ShapeTree(
            new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1U, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
            new P.GroupShapeProperties(new A.TransformGroup()));
        uint id = 2;
        foreach (var element in slide.Elements)
        {
            switch (element)
            {
                case SlideText text:
                    if (text.Stripe is not null)
                    {
                        tree.Append(Shape(id++, "Stripe", text.X, text.Y, 4, text.Height, text.Stripe, null, false));
                    }

                    tree.Append(Shape(id++, text.IsTitle ? "Title" : "Text", text, text.Fill, TextBody(text), text.IsTitle));
                    break;
                case SlideTable table:
                    tree.Append(Table(id++, table));
                    break;
                case SlidePicture picture:
                    tree.Append(Picture(id++, picture, part));
                    break;
            }
        }

        var xml = new P.Slide(new P.CommonSlideData(tree), new P.ColorMapOverride(new A.MasterColorMapping()));

        // Declared once on the root, not again on every drawing element.
        xml.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        xml.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return xml;
    }

    private static P.Shape Shape(uint id, string name, SlideText box, string? fill, P.TextBody? body, bool title) =>
        Shape(id, name, box.X, box.Y, box.Width, box.Height, fill, body, title);

    private static P.Shape Shape(uint id, string name, float x, float y, float width, float height, string? fill, P.TextBody? body, bool title)
    {
        var properties = new P.ApplicationNonVisualDrawingProperties();
        if (title)
        {
            properties.Append(new P.PlaceholderShape { Type = P.PlaceholderValues.Title });
        }

        var shape = new P.Shape(
            new P.NonVisualShapeProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = $"{name} {id}" },
                new P.NonVisualShapeDrawingProperties(title ? new A.ShapeLocks { NoGrouping = true } : new A.ShapeLocks()),
                properties),
            new P.ShapeProperties(
                Transform(x, y, width, height),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle },
                fill is null ? new A.NoFill() : Solid(fill),
                new A.Outline(new A.NoFill())));
        shape.Append(body ?? new P.TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph()));
        return shape;
    }

    private static P.TextBody TextBody(SlideText text)
    {
        var inset = (int)Emu(SlideText.Padding);
        var body = new P.TextBody(
            new A.BodyProperties(new A.NormalAutoFit())
            {
                Wrap = A.TextWrappingValues.Square,
                LeftInset = inset + (int)(text.Stripe is null ? 0 : Emu(4)),
                RightInset = inset,
                TopInset = inset,
                BottomInset = inset,
                Anchor = A.TextAnchoringTypeValues.Top,
            },
            new A.ListStyle());
        foreach (var paragraph in text.Paragraphs)
        {
            body.Append(Paragraph(paragraph.Text, paragraph.Size, paragraph.Color, paragraph.Bold, paragraph.Italic, paragraph.LineHeight));
        }

        if (text.Paragraphs.Count == 0)
        {
            body.Append(new A.Paragraph());
        }

        return body;
    }

    private static A.Paragraph Paragraph(string text, float size, string color, bool bold, bool italic, float? lineHeight = null)
    {
        var properties = new A.ParagraphProperties();
        if (lineHeight is { } height)
        {
            properties.Append(new A.LineSpacing(new A.SpacingPoints { Val = (int)Math.Round(height * 100) }));
        }

        properties.Append(new A.SpaceBefore(new A.SpacingPoints { Val = 0 }));
        return new A.Paragraph(
            properties,
            new A.Run(
                new A.RunProperties(Solid(color), new A.LatinFont { Typeface = Font }, new A.ComplexScriptFont { Typeface = Font })
                {
                    Language = "en-GB",
                    FontSize = (int)Math.Round(size * 100),
                    Bold = bold,
                    Italic = italic,
                    Dirty = false,
                },
                new A.Text(Xml.Clean(text))));
    }

    private static P.GraphicFrame Table(uint id, SlideTable table)
    {
        var grid = new A.TableGrid(table.Columns.Select(w => new A.GridColumn { Width = Emu(w) }));
        var tbl = new A.Table(new A.TableProperties { FirstRow = true, BandRow = false }, grid);
        tbl.Append(Row(table, table.Header, header: true));
        foreach (var row in table.Rows)
        {
            tbl.Append(Row(table, row, header: false));
        }

        return new P.GraphicFrame(
            new P.NonVisualGraphicFrameProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = $"Table {id}" },
                new P.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoGrouping = true }),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.Transform(new A.Offset { X = Emu(table.X), Y = Emu(table.Y) }, new A.Extents { Cx = Emu(table.Width), Cy = Emu(table.Height) }),
            new A.Graphic(new A.GraphicData(tbl) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" }));
    }

    private static A.TableRow Row(SlideTable table, IReadOnlyList<string> cells, bool header)
    {
        var row = new A.TableRow { Height = Emu(table.RowHeight) };
        var margin = Emu(4);
        foreach (var cell in cells)
        {
            var properties = new A.TableCellProperties { LeftMargin = (int)margin, RightMargin = (int)margin, TopMargin = 0, BottomMargin = 0, Anchor = A.TextAnchoringTypeValues.Center };
            properties.Append(new A.BottomBorderLineProperties(Solid(Palette.Rule)) { Width = 6350 });
            properties.Append(header ? Solid("#E9EDF2") : new A.NoFill());
            row.Append(new A.TableCell(
                new A.TextBody(new A.BodyProperties(), new A.ListStyle(), Paragraph(cell, table.Size, Palette.Ink, header, false)),
                properties));
        }

        return row;
    }

    private static P.Picture Picture(uint id, SlidePicture picture, SlidePart part)
    {
        // Two pixels per point of the box: sharp on a projector, and the map's text still readable when zoomed.
        var scale = Math.Min(2 * picture.Width / picture.SvgWidth, 2f);
        var image = part.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(Rasterizer.SvgToPng(picture.Svg, scale)))
        {
            image.FeedData(png);
        }

        return new P.Picture(
            new P.NonVisualPictureProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = $"Picture {id}", Description = Xml.Clean(picture.Description) },
                new P.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true }),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.BlipFill(new A.Blip { Embed = part.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
            new P.ShapeProperties(Transform(picture.X, picture.Y, picture.Width, picture.Height), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
    }

    private static A.Transform2D Transform(float x, float y, float width, float height) =>
        new(new A.Offset { X = Emu(x), Y = Emu(y) }, new A.Extents { Cx = Emu(width), Cy = Emu(height) });

    private static A.SolidFill Solid(string hex) => new(new A.RgbColorModelHex { Val = hex.TrimStart('#').ToUpperInvariant() });

    private static long Emu(float points) => (long)Math.Round(points * EmuPerPoint);
}

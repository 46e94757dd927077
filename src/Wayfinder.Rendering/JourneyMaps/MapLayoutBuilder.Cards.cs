namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

public static partial class MapLayoutBuilder
{
    /// <summary>Measures one item's card for a lane of its type.</summary>
    private static CardPlan PlanCard(Context ctx, Lane lane, LaneItem item, float cardWidth)
    {
        var w = CardPlan.TextWidth(cardWidth);
        var rows = new List<CardRow>();
        var body = new List<string>();

        void AddBody(string? text, FontStyleKind style = FontStyleKind.Regular)
        {
            var lines = ctx.Wrap(text, w, BodySize, style);
            if (lines.Count > 0)
            {
                body.AddRange(lines);
                rows.Add(new TextRow(lines, BodySize, BodyLine, style, Palette.Ink));
            }
        }

        void AddSmall(string? text, string fill = Palette.InkMuted, FontStyleKind style = FontStyleKind.Regular)
        {
            var lines = ctx.Wrap(text, w, SmallSize, style);
            if (lines.Count > 0)
            {
                rows.Add(new TextRow(lines, SmallSize, SmallLine, style, fill));
            }
        }

        // What a card shows follows the fields its lane kind carries (LaneKinds).
        switch (lane.KindOf())
        {
            case { HasChannel: true }:
                if (item.Channel is { } channelId)
                {
                    var channel = ctx.Channel(channelId);
                    var label = ctx.Wrap(channel?.Name ?? channelId, w - GlyphRow.Indent, 11, FontStyleKind.Bold);
                    rows.Add(new GlyphRow(Glyphs.For(channel), Palette.Blue, label, 11, 15, Palette.BlueText));
                    rows.Add(new GapRow(4));
                }

                AddBody(item.Text);
                if (!string.IsNullOrWhiteSpace(item.Owner))
                {
                    rows.Add(new GapRow(3));
                    AddSmall($"owner · {item.Owner}");
                }

                if (lane.Type == LaneType.Touchpoints && Charts.JourneyTouchpoints.IdOf(lane, item) is { } touchpointId)
                {
                    AddDataRows(ctx, rows, touchpointId, w);
                }

                break;

            case { HasKpi: true }:
                AddBody(item.Text ?? item.Metric, FontStyleKind.Bold);
                if (item.Text is not null && item.Metric is not null)
                {
                    AddSmall(item.Metric);
                }

                // A KPI bound to a metric takes its actual and status from the data when the data has them.
                var measured = item.Metric is null ? null : ctx.Data?.Kpis.FirstOrDefault(k => k.StageId == item.Stage && k.Metric == item.Metric);
                if (measured is { Problem: null })
                {
                    item = item with { Actual = measured.ActualText, Status = measured.Status ?? item.Status };
                }

                if (item.Actual is not null)
                {
                    rows.Add(new GapRow(4));
                    var actual = ctx.Wrap(item.Actual, w, 17, FontStyleKind.Bold);
                    var actualRow = new TextRow(actual, 17, 21, FontStyleKind.Bold, Palette.Ink);
                    rows.Add(measured is { Problem: null } ? new OverlayRow("kpi", actualRow) : actualRow);
                }

                if (measured is { Problem: { } problem })
                {
                    AddSmall($"no data: {problem}", Palette.InkMuted, FontStyleKind.Italic);
                }
                else if (measured is not null && measured.Definition.Length > 0)
                {
                    // What the number measures, resolved on this journey, so a KPI's text can be checked against it.
                    AddSmall(measured.Definition, Palette.InkMuted, FontStyleKind.Italic);
                }

                if (item.Target is not null)
                {
                    AddSmall($"target {item.Target}");
                }

                var (fill, text, statusLabel) = Palette.KpiStatus(item.Status);
                if (BulletRow.Number(item.Actual) is { } a && BulletRow.Number(item.Target) is { } t && a >= 0 && t >= 0)
                {
                    rows.Add(new GapRow(3));
                    rows.Add(new BulletRow(a, t, lane.Type == LaneType.Kpis ? fill : Palette.Grey));
                }

                if (lane.Type == LaneType.Kpis)
                {
                    rows.Add(new GapRow(5));
                    rows.Add(new PillRow(measured is { Problem: null }
                        ? [(statusLabel, fill, text), ("from data", "#E8EEF5", Palette.Ink)]
                        : [(statusLabel, fill, text)]));
                    if (measured is { Problem: null, SmallSample: true })
                    {
                        // On a row of its own, so it never runs past a narrow card.
                        rows.Add(new GapRow(3));
                        rows.Add(new PillRow([($"small sample · n={measured.SampleSize}", Palette.SmallSample, Palette.SmallSampleText)]));
                    }
                }

                break;

            case { HasOpportunity: true }:
                AddBody(item.Text);
                rows.Add(new GapRow(6));
                var customer = item.CustomerValue ?? OpportunityRanking.DefaultRating;
                var business = item.BusinessValue ?? OpportunityRanking.DefaultRating;
                var effort = Math.Max(1, item.Effort ?? OpportunityRanking.DefaultRating);
                rows.Add(new MeterRow("customer value", customer, Palette.GreenText));
                rows.Add(new MeterRow("business value", business, Palette.GreenText));
                rows.Add(new MeterRow("effort", effort, Palette.InkMuted));
                rows.Add(new GapRow(5));
                var quadrant = OpportunityRanking.QuadrantOf((customer + business) / 2.0, effort);
                var pills = new List<(string, string, string)> { (QuadrantName(quadrant), QuadrantColor(quadrant), Palette.Paper) };
                if (item.OpportunityStatus is { } status)
                {
                    pills.Add((StatusName(status), Palette.Paper, Palette.Ink));
                }

                rows.Add(new PillRow(pills));
                if (!string.IsNullOrWhiteSpace(item.Owner))
                {
                    AddSmall($"owner · {item.Owner}");
                }

                break;

            case { HasPersona: true }:
                var persona = item.Persona is null ? null : ctx.Workspace.FindPersona(item.Persona);
                if (item.Persona is not null)
                {
                    var label = ctx.Wrap(persona?.Name ?? persona?.Title ?? item.Persona, w - GlyphRow.Indent, 11, FontStyleKind.Bold);
                    rows.Add(new GlyphRow("person", Palette.OrangeText, label, 11, 15, Palette.OrangeText));
                    rows.Add(new GapRow(4));
                }

                AddBody(item.Text);
                break;

            case { HasImage: true }:
                var caption = ctx.Wrap(item.Alt ?? item.Text ?? "image", w - GlyphRow.Indent, 11, FontStyleKind.Bold);
                rows.Add(new GlyphRow("image", Palette.InkMuted, caption, 11, 15, Palette.Ink));
                if (item.Alt is not null && item.Text is not null)
                {
                    AddBody(item.Text);
                }

                if (item.Src is not null)
                {
                    AddSmall(item.Src);
                }

                break;

            default:
                AddBody(item.Text);
                if (!string.IsNullOrWhiteSpace(item.Owner))
                {
                    AddSmall($"owner · {item.Owner}");
                }

                break;
        }

        if (item.Comments.Count > 0)
        {
            AddSmall(item.Comments.Count == 1 ? "1 comment" : $"{item.Comments.Count} comments", Palette.InkMuted, FontStyleKind.Italic);
        }

        if (rows.Count == 0)
        {
            // An item with nothing to say still shows that it is there.
            rows.Add(new TextRow(["—"], BodySize, BodyLine, FontStyleKind.Regular, Palette.InkMuted));
        }

        return new CardPlan
        {
            Rows = rows,
            Fill = Palette.CardFill(lane.Type),
            Accent = Palette.LaneAccent(lane.Type),
            Grade = ctx.Grade(item.Evidence),
            BodyLines = body,
        };
    }

    public static string QuadrantName(Quadrant quadrant) => quadrant switch
    {
        Quadrant.QuickWin => "quick win",
        Quadrant.BigBet => "big bet",
        Quadrant.FillIn => "fill-in",
        _ => "money pit",
    };

    /// <summary>Quadrant colours: dark enough for white text (AA).</summary>
    public static string QuadrantColor(Quadrant quadrant) => quadrant switch
    {
        Quadrant.QuickWin => Palette.GreenText,
        Quadrant.BigBet => Palette.BlueText,
        Quadrant.FillIn => Palette.InkMuted,
        _ => Palette.VermillionText,
    };

    public static string StatusName(OpportunityStatus status) => status switch
    {
        OpportunityStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };
}

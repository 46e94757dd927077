namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

/// <summary>Lays a journey map out: header, persona strip, stage × lane grid, emotion curve, legend.</summary>
public static partial class MapLayoutBuilder
{
    public const float Margin = 40;
    public const float LaneColumnWidth = 184;
    public const float MinStepWidth = 224;

    /// <summary>The grid is at least this wide, so a three-stage map still reads as a poster.</summary>
    public const float MinGridWidth = 1240;
    public const float CellPad = 8;
    public const float CardGap = 8;
    public const float MinRowHeight = 60;
    public const float BodySize = 12;
    public const float BodyLine = 16;
    public const float SmallSize = 10.5f;
    public const float SmallLine = 14;

    /// <summary>Emotion lane: the +2 line sits this far below the row top, the −2 line <see cref="EmotionPlotHeight"/> lower.</summary>
    public const float EmotionTopPad = 34;

    /// <summary>The −2 … +2 band: 84 units a step, tall enough for half steps to read on a wall.</summary>
    public const float EmotionPlotHeight = 336;
    private const float EmotionCaptionTop = EmotionTopPad + EmotionPlotHeight + 22;

    public static MapLayout Build(Journey journey, Workspace workspace, MapRenderOptions options = default)
    {
        journey = JourneyView.Apply(journey, options);
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var scene = new Scene { Brand = BrandStyle.Of(workspace) };
        var ctx = new Context(journey, workspace, scene, today, options.Data);

        // Columns first: everything else wraps to them.
        var totalSteps = journey.Stages.Sum(s => Math.Max(1, s.Steps.Count));
        var stepWidth = totalSteps == 0 ? MinGridWidth : MathF.Max(MinStepWidth, MathF.Floor(MinGridWidth / totalSteps));
        var gridLeft = Margin + LaneColumnWidth;
        var columns = new List<StageColumn>();
        var x = gridLeft;
        foreach (var stage in journey.Stages)
        {
            var n = Math.Max(1, stage.Steps.Count);
            var steps = stage.Steps.Select((s, i) => new StepColumn(s.Id, s.Name, x + (i * stepWidth), stepWidth)).ToList();
            columns.Add(new StageColumn(stage.Id, stage.Name, x, n * stepWidth, steps));
            x += n * stepWidth;
        }

        var gridRight = Math.Max(x, gridLeft + (totalSteps == 0 ? MinGridWidth : 0));
        scene.Width = MathF.Ceiling(gridRight + Margin);

        // Paint a page-coloured background first so PNGs and PDFs are not transparent.
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;

        var y = DrawHeader(ctx, Margin, Margin, Math.Min(scene.Width - (2 * Margin), 1640));
        y += 28;
        var gridTop = y;
        y = DrawPhases(ctx, columns, gridLeft, y);
        y = DrawLoops(ctx, columns, y);
        var headerBottom = DrawStageHeaders(ctx, columns, gridLeft, y);

        var rows = new List<LaneRow>();
        var cards = new List<CardBox>();
        var points = new List<EmotionPoint>();
        var emotionLabels = new List<EmotionLabel>();
        y = headerBottom;
        for (var i = 0; i < journey.Lanes.Count; i++)
        {
            var lane = journey.Lanes[i];
            var mark = scene.Shapes.Count;
            var minHeight = LaneNameHeight(ctx, lane) + 12;
            var height = Math.Max(minHeight, lane.KindOf().HasScore
                ? DrawEmotionLane(ctx, lane, columns, y, points, emotionLabels, options.Faces)
                : DrawLane(ctx, lane, columns, y, cards, minHeight));
            var row = new LaneRow(lane.Id, LaneName(lane), lane.Type, y, height);
            rows.Add(row);
            if (i % 2 == 1)
            {
                // Alternate rows get a faint wash so a long row can be followed across a wide poster.
                scene.Shapes.Insert(mark, new BoxShape(gridLeft, y, gridRight - gridLeft, height, "#F9FAFB"));
            }

            DrawLaneName(ctx, row, gridRight);
            y += height;
        }

        var gridBottom = y;
        DrawStepDividers(ctx, columns, headerBottom, gridBottom);
        scene.Line(Margin, gridBottom, gridRight, gridBottom, Palette.Rule);

        y = DrawLegend(ctx, journey, Margin, gridBottom + 32, Math.Min(scene.Width - (2 * Margin), 1640), options.Faces);
        scene.Height = MathF.Ceiling(y + Margin);
        scene.Shapes[background] = new BoxShape(0, 0, scene.Width, scene.Height, Palette.Paper);

        var layout = new MapLayout
        {
            Scene = scene,
            Margin = Margin,
            LaneColumnWidth = LaneColumnWidth,
            GridLeft = gridLeft,
            GridTop = gridTop,
            HeaderBottom = headerBottom,
            GridBottom = gridBottom,
            Stages = columns,
            Lanes = rows,
            Cards = cards,
            EmotionPoints = points,
            EmotionLabels = emotionLabels,
        };
        layout.Pages = MapPaging.Plan(layout, journey.Title, options.Page);
        return layout;
    }

    /// <summary>The lane's display name: its own, else its kind's (<see cref="LaneKinds"/>).</summary>
    public static string LaneName(Lane lane) => lane.DisplayName();

    public static string TypeName(LaneType type) => LaneKinds.Of(type).DisplayName;

    private sealed class Context(Journey journey, Workspace workspace, Scene scene, DateOnly today, Core.Metrics.JourneyReport? data)
    {
        public Core.Metrics.JourneyReport? Data { get; } = data;

        /// <summary>What the data says per touchpoint and stage that the map marks: stranded customers, knowledge gaps.</summary>
        public DataMarks Marks { get; } = DataMarks.Of(data);

        public Journey Journey { get; } = journey;

        public Workspace Workspace { get; } = workspace;

        public Scene Scene { get; } = scene;

        public DateOnly Today { get; } = today;

        public ITextMeasurer Measurer { get; } = scene.Brand.Measurer;

        public List<string> Wrap(string? text, float width, float size, FontStyleKind style = FontStyleKind.Regular) =>
            TextWrapper.Wrap(text, width, size, style, Measurer);

        public EvidenceGrade Grade(IEnumerable<string> citations) =>
            EvidenceGrading.Grade(citations, Journey.Evidence, Workspace.Config.Evidence);

        public Channel? Channel(string? id) => id is null ? null : Workspace.Config.Channels.Find(c => c.Id == id);
    }

    // ---- Top: title, badges, business goal, persona strip ----
    private static float DrawHeader(Context ctx, float x, float y, float width)
    {
        var scene = ctx.Scene;
        var journey = ctx.Journey;
        var title = ctx.Wrap(journey.Title, width, 30, FontStyleKind.Bold);
        y = scene.Lines(title, x, y, 30, 38, Palette.Ink, FontStyleKind.Bold);
        y += 8;

        // Badges: state, subject, timeline, staleness.
        var badges = new List<(string Text, string Fill, string TextFill)>
        {
            journey.State == JourneyState.Future ? ("FUTURE STATE", Palette.Blue, Palette.Paper) : ("CURRENT STATE", Palette.InkMuted, Palette.Paper),
        };
        if (journey.Subject is { Kind: SubjectKind.Competitor } subject)
        {
            var name = ctx.Workspace.Config.Competitors.Find(c => c.Id == subject.Competitor)?.Name ?? subject.Competitor ?? "competitor";
            badges.Add(($"COMPETITOR JOURNEY · {name}", Palette.PurpleText, Palette.Paper));
        }

        if (journey.State == JourneyState.Future && journey.CurrentMap is { } current)
        {
            badges.Add(($"improves on · {ctx.Workspace.FindJourney(current)?.Title ?? current}", "#E8EEF5", Palette.Ink));
        }

        if (journey.Timeline?.Span is { } span)
        {
            badges.Add(($"timeline · {span}", "#E8EEF5", Palette.Ink));
        }

        if (journey.Draft is { } draft)
        {
            // A draft says so on every rendering until the team removes the note: who wrote it and when.
            var by = draft.Drafter == "model" && draft.Model is { Length: > 0 } model ? $"language model {model}" : $"{draft.Drafter} drafter";
            var when = draft.Date is { } date ? $" · {date:yyyy-MM-dd}" : "";
            badges.Add(($"DRAFT · {by}{when} · to review", Palette.Orange, Palette.Ink));
        }

        if (journey.Review is { } review && review.IsStale(ctx.Today, ctx.Workspace.Config.Defaults.ReviewCadenceDays))
        {
            badges.Add(("MAP REVIEW OVERDUE", Palette.Orange, Palette.Ink));
        }

        y = DrawBadges(ctx, badges, x, y, width);

        if (!string.IsNullOrWhiteSpace(journey.BusinessGoal))
        {
            y += 12;
            y = LabelledText(ctx, "BUSINESS GOAL", journey.BusinessGoal, x, y, Math.Min(width, 1100), 15, 21);
        }

        if (!string.IsNullOrWhiteSpace(journey.Scenario))
        {
            y += 10;
            y = LabelledText(ctx, "SCENARIO", journey.Scenario, x, y, Math.Min(width, 1100), 13, 18);
        }

        if (journey.Personas.Count > 0)
        {
            y += 18;
            y = DrawPersonaStrip(ctx, x, y, width);
        }

        return y;
    }

    /// <summary>Pills that may hold user text: each is cut into wrapped lines if it is wider than the row.</summary>
    private static float DrawBadges(Context ctx, List<(string Text, string Fill, string TextFill)> badges, float x, float y, float width)
    {
        const float Size = 11;
        const float Line = 15;
        var cx = x;
        var rowHeight = 0f;
        foreach (var (text, fill, textFill) in badges)
        {
            var lines = ctx.Wrap(text, width - 24, Size, FontStyleKind.Bold);
            var w = lines.Max(l => ctx.Measurer.Measure(l, Size, FontStyleKind.Bold)) + 24;
            var h = (lines.Count * Line) + 10;
            if (cx > x && cx + w > x + width)
            {
                cx = x;
                y += rowHeight + 8;
                rowHeight = 0;
            }

            ctx.Scene.Box(cx, y, w, h, fill, null, 0, lines.Count == 1 ? h / 2 : 8);
            ctx.Scene.Lines(lines, cx + 12, y + 5, Size, Line, textFill, FontStyleKind.Bold);
            cx += w + 8;
            rowHeight = Math.Max(rowHeight, h);
        }

        return y + rowHeight;
    }

    private static float LabelledText(Context ctx, string label, string? text, float x, float y, float width, float size, float line)
    {
        ctx.Scene.Text(x, y + 10, label, 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        y += 16;
        return ctx.Scene.Lines(ctx.Wrap(text, width, size), x, y, size, line, Palette.Ink);
    }

    private static float DrawPersonaStrip(Context ctx, float x, float y, float width)
    {
        const float CardWidth = 396;
        const float Gap = 16;
        var scene = ctx.Scene;
        var cx = x;
        var rowTop = y;
        var rowHeight = 0f;
        for (var i = 0; i < ctx.Journey.Personas.Count; i++)
        {
            var id = ctx.Journey.Personas[i];
            var persona = ctx.Workspace.FindPersona(id);
            if (cx > x && cx + CardWidth > x + width)
            {
                cx = x;
                rowTop += rowHeight + Gap;
                rowHeight = 0;
            }

            var h = PersonaChip(ctx, persona, id, i == 0, cx, rowTop, CardWidth);
            cx += CardWidth + Gap;
            rowHeight = Math.Max(rowHeight, h);
        }

        return rowTop + rowHeight;
    }

    /// <summary>A persona in the strip; returns its height.</summary>
    private static float PersonaChip(Context ctx, Persona? persona, string id, bool primary, float x, float y, float width)
    {
        var scene = ctx.Scene;
        const float Pad = 14;
        const float Avatar = 27;
        var textX = x + Pad + (2 * Avatar) + 14;
        var textWidth = x + width - Pad - textX;
        var name = persona?.Name ?? persona?.Title ?? id;
        var nameLines = ctx.Wrap(name, textWidth, 15, FontStyleKind.Bold);
        var roleText = persona is null ? "persona not found in the workspace" : string.Join(" · ", new[] { persona.Role, primary ? "primary persona" : null }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var roleLines = ctx.Wrap(roleText, textWidth, 11.5f);
        var quoteLines = string.IsNullOrWhiteSpace(persona?.Quote) ? [] : ctx.Wrap($"“{persona!.Quote!.Trim()}”", textWidth, 12, FontStyleKind.Italic);
        var stale = persona?.Review is null || persona.Review.IsStale(ctx.Today, ctx.Workspace.Config.Defaults.ReviewCadenceDays);
        var contentHeight = (nameLines.Count * 20) + (roleLines.Count * 15) + (quoteLines.Count > 0 ? 6 + (quoteLines.Count * 16) : 0) + (persona is not null ? 24 : 0);
        var height = Math.Max((2 * Avatar) + (2 * Pad), contentHeight + (2 * Pad));
        scene.Box(x, y, width, height, Palette.Canvas, Palette.Rule, 1, 10);
        var color = persona?.Type switch
        {
            PersonaType.Statistical => Palette.BlueText,
            PersonaType.Qualitative => Palette.GreenText,
            _ => Palette.PurpleText,
        };
        scene.Circle(x + Pad + Avatar, y + Pad + Avatar, Avatar, color);
        var initials = persona?.DisplayInitials() ?? "?";
        scene.Text(x + Pad + Avatar, y + Pad + Avatar + 7, initials.Length > 3 ? initials[..3] : initials, 19, Palette.Paper, FontStyleKind.Bold, "middle");
        if (persona is not null && Personas.PersonaCardRenderer.Photo(persona, ctx.Workspace) is { } photo)
        {
            scene.Image(x + Pad, y + Pad, 2 * Avatar, 2 * Avatar, photo, Avatar);
        }
        var ty = y + Pad;
        ty = scene.Lines(nameLines, textX, ty, 15, 20, Palette.Ink, FontStyleKind.Bold);
        ty = scene.Lines(roleLines, textX, ty, 11.5f, 15, Palette.InkMuted);
        if (persona is not null)
        {
            ty += 4;
            var tags = new List<(string, string, string)> { (persona.Type.ToString().ToLowerInvariant() + " persona", "#E8EEF5", Palette.Ink) };
            if (stale)
            {
                tags.Add(("REVIEW OVERDUE", Palette.Orange, Palette.Ink));
            }

            new PillRow(tags).Draw(scene, textX, ty, textWidth);
            ty += 20;
        }

        if (quoteLines.Count > 0)
        {
            scene.Lines(quoteLines, textX, ty + 6, 12, 16, Palette.Ink, FontStyleKind.Italic);
        }

        return height;
    }

    // ---- Grid block: phases, loops, stage headers ----
    private static float DrawPhases(Context ctx, List<StageColumn> columns, float gridLeft, float y)
    {
        var phases = ctx.Journey.Timeline?.Phases ?? [];
        if (phases.Count == 0)
        {
            return y;
        }

        // Phase names wrap inside their span; the band takes the height of the longest.
        var plans = new List<(float Left, float Right, List<string> Lines)>();
        foreach (var phase in phases)
        {
            var cols = columns.Where(c => phase.Stages.Contains(c.StageId)).ToList();
            if (cols.Count == 0)
            {
                continue;
            }

            var left = cols.Min(c => c.X) + 2;
            var right = cols.Max(c => c.X + c.Width) - 2;
            plans.Add((left, right, ctx.Wrap(phase.Name, right - left - 16, 11, FontStyleKind.Bold)));
        }

        var height = 12 + (plans.Select(p => p.Lines.Count).DefaultIfEmpty(1).Max() * 15);
        ctx.Scene.Text(gridLeft - 12, y + 17, "Phase", 11, Palette.InkMuted, FontStyleKind.Bold, "end");
        foreach (var (left, right, lines) in plans)
        {
            ctx.Scene.Box(left, y, right - left, height - 4, "#E8EEF5", null, 0, 4);
            ctx.Scene.Lines(lines, left + 8, y + 4, 11, 15, Palette.Ink, FontStyleKind.Bold);
        }

        return y + height;
    }

    private static float DrawLoops(Context ctx, List<StageColumn> columns, float y)
    {
        var loops = ctx.Journey.Stages
            .Select((s, i) => (From: i, To: ctx.Journey.Stages.FindIndex(t => t.Id == s.LoopsTo)))
            .Where(l => l.To >= 0)
            .ToList();
        if (loops.Count == 0)
        {
            return y;
        }

        const float Height = 46;
        foreach (var (from, to) in loops)
        {
            var x1 = columns[from].X + (columns[from].Width / 2) + 10;
            var x2 = columns[to].X + (columns[to].Width / 2) - 10;
            var bottom = y + Height - 4;
            var top = y + 8;
            ctx.Scene.Path($"M{F(x1)} {F(bottom)}C{F(x1)} {F(top)} {F(x2)} {F(top)} {F(x2)} {F(bottom - 2)}", Palette.InkMuted, 1.6f, "none", "5 4", arrow: true);
            var label = "loops back";
            var lx = (x1 + x2) / 2;
            var lw = ctx.Measurer.Measure(label, 10.5f, FontStyleKind.Bold) + 10;
            ctx.Scene.Box(lx - (lw / 2), top + 6, lw, 16, Palette.Paper);
            ctx.Scene.Text(lx, top + 18, label, 10.5f, Palette.InkMuted, FontStyleKind.Bold, "middle");
        }

        return y + Height;
    }

    private static float DrawStageHeaders(Context ctx, List<StageColumn> columns, float gridLeft, float y)
    {
        var scene = ctx.Scene;
        const float Pad = 12;
        var plans = new List<(List<string> Name, List<string> Goal, List<string> Marker)>();
        foreach (var (stage, col) in ctx.Journey.Stages.Zip(columns))
        {
            var w = col.Width - (2 * Pad);
            var marker = new List<string>();
            if (stage.SubJourney is { } sub)
            {
                marker.AddRange(ctx.Wrap($"↳ opens sub-journey: {ctx.Workspace.FindJourney(sub)?.Title ?? sub}", w - 16, 10.5f, FontStyleKind.Bold));
            }

            if (stage.LoopsTo is { } loop)
            {
                var target = ctx.Journey.Stages.Find(s => s.Id == loop)?.Name ?? loop;
                marker.AddRange(ctx.Wrap($"↺ loops back to: {target}", w - 16, 10.5f, FontStyleKind.Bold));
            }

            plans.Add((ctx.Wrap(stage.Name, w, 15, FontStyleKind.Bold), ctx.Wrap(stage.Goal, w, 12, FontStyleKind.Italic), marker));
        }

        // The data bar: customers who reached the stage, and the share of the funnel's start still there.
        var funnel = ctx.Data?.Metrics.Funnel ?? [];
        var reach = ctx.Data?.Metrics.StageReach ?? [];
        var dataLines = ctx.Journey.Stages.Select(stage =>
        {
            var step = funnel.FirstOrDefault(f => f.StageId == stage.Id);
            var reached = reach.FirstOrDefault(r => r.Id == stage.Id);
            var customers = step?.Customers ?? reached?.Customers;
            if (customers is null)
            {
                return ((string Text, double? Share)?)null;
            }

            var text = $"{customers.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} reached";
            if (step is not null && funnel.Count > 0 && funnel[0] != step)
            {
                // The share's n is the funnel's start; a small one is said on the map, not only in the report.
                text += $" · {step.ConversionFromStart * 100:0}% of {funnel[0].Customers.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} at start";
                if (funnel[0].Customers < ctx.Data!.SmallSampleSize)
                {
                    text += " · small sample";
                }
            }

            return (text, step?.ConversionFromStart);
        }).ToList();
        var dataWrapped = dataLines.Select((d, i) => d is { } v ? ctx.Wrap(v.Text, columns[i].Width - (2 * Pad), 10.5f, FontStyleKind.Bold) : []).ToList();
        var dropOffs = ctx.Journey.Stages.Select(stage => funnel.FirstOrDefault(f => f.StageId == stage.Id) is { DropOff: > 0 } f ? $"{Charts.DataCharts.DropOff(f)} drop-off" : null).ToList();
        var dataHeight = dataLines.Any(d => d is not null) ? 16f + (dataWrapped.Max(l => l.Count) * 14) + (dropOffs.Any(d => d is not null) ? 16 : 0) : 0f;
        // Data bars line up across stages above the tallest marker, so every stage reserves the tallest text and marker.
        var height = dataHeight + (plans.Count == 0 ? 60 : plans.Max(p => 30 + (p.Name.Count * 20) + (p.Goal.Count > 0 ? 4 + (p.Goal.Count * 16) : 0))
            + plans.Max(p => p.Marker.Count > 0 ? 10 + (p.Marker.Count * 14) + 8 : 0) + Pad);
        for (var i = 0; i < columns.Count; i++)
        {
            var col = columns[i];
            var (name, goal, marker) = plans[i];
            var grouped = scene.BeginElement(col.StageId, "stage");
            scene.Box(col.X, y, col.Width, height, i % 2 == 0 ? Palette.Band : Palette.BandAlt);
            scene.Text(col.X + Pad, y + 21, $"STAGE {i + 1:00}", 10, "#C9DAEA", FontStyleKind.Bold);
            if (ctx.Marks.StageGaps(col.StageId) is { Count: > 0 } gaps)
            {
                // The words go beside the marker when they fit after "STAGE nn"; the legend explains the bare marker.
                var words = string.Join(", ", gaps);
                var room = col.Width - (2 * Pad) - 16 - 12 - ctx.Measurer.Measure($"STAGE {i + 1:00}", 10, FontStyleKind.Bold) - 12;
                scene.BeginOverlay("gaps");
                GapMarker(scene, col.X + col.Width - Pad - 8, y + 16, Palette.Paper, 10, ctx.Measurer.Measure(words, 10, FontStyleKind.Bold) <= room ? words : "", "#E6EEF6", "end");
                scene.EndGroup();
            }

            var ty = scene.Lines(name, col.X + Pad, y + 28, 15, 20, Palette.Paper, FontStyleKind.Bold);
            if (goal.Count > 0)
            {
                ty = scene.Lines(goal, col.X + Pad, ty + 4, 12, 16, "#E6EEF6", FontStyleKind.Italic);
            }

            // Data bars line up across stages, above the tallest marker.
            var markerHeight = plans.Max(p => p.Marker.Count > 0 ? (p.Marker.Count * 14) + 8 + 8 : 0);
            if (dataLines[i] is { } d)
            {
                var dy = y + height - Pad - markerHeight - dataHeight + 4;
                scene.BeginOverlay("funnel");
                var by = scene.Lines(dataWrapped[i], col.X + Pad, dy - 2, 10.5f, 14, "#E6EEF6", FontStyleKind.Bold);
                if (d.Share is { } share)
                {
                    var bw = col.Width - (2 * Pad);
                    scene.Box(col.X + Pad, by + 2, bw, 6, "#163A5C", null, 0, 3);
                    scene.Box(col.X + Pad, by + 2, (float)(bw * Math.Clamp(share, 0, 1)), 6, Palette.SkyBlue, null, 0, 3);
                }

                scene.EndGroup();
                if (dropOffs[i] is { } drop)
                {
                    scene.BeginOverlay("drop_off");
                    scene.Text(col.X + Pad, by + 22, drop, 10.5f, DropOffOnBand, FontStyleKind.Bold);
                    scene.EndGroup();
                }
            }

            if (marker.Count > 0)
            {
                var mh = (marker.Count * 14) + 8;
                var my = y + height - Pad - mh;
                scene.Box(col.X + Pad, my, col.Width - (2 * Pad), mh, Palette.Paper, null, 0, 5);
                scene.Lines(marker, col.X + Pad + 8, my + 4, 10.5f, 14, Palette.Band, FontStyleKind.Bold);
            }

            if (grouped)
            {
                scene.EndGroup();
            }
        }

        scene.Box(Margin, y, gridLeft - Margin, height, Palette.Canvas);
        scene.Text(Margin + 14, y + 24, "Stage", 12, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(Margin + 14, y + 42, "customer goal", 11, Palette.InkMuted, FontStyleKind.Italic);
        y += height;

        // A row of step names when any stage has steps.
        if (columns.Any(c => c.Steps.Count > 0))
        {
            var stepPlans = new Dictionary<(int Stage, int Step), (List<string> Name, List<string> Extra)>();
            foreach (var (stage, si) in ctx.Journey.Stages.Select((st, i) => (st, i)))
            {
                foreach (var (step, stepColumn, ti) in stage.Steps.Zip(columns[si].Steps).Select((p, i) => (p.First, p.Second, i)))
                {
                    var w = stepColumn.Width - 20;
                    var extra = new List<string>();
                    if (!string.IsNullOrWhiteSpace(step.Branch))
                    {
                        extra.AddRange(ctx.Wrap($"path: {step.Branch}", w, 10, FontStyleKind.Italic));
                    }

                    if (step.Next.Count >= 2)
                    {
                        var names = step.Next.Select(n => stage.Steps.Find(s => s.Id == n)?.Name ?? n);
                        extra.AddRange(ctx.Wrap($"branches to {string.Join(" | ", names)}", w, 10, FontStyleKind.Italic));
                    }

                    if (step.SubJourney is { } sub)
                    {
                        extra.AddRange(ctx.Wrap($"↳ sub-journey: {ctx.Workspace.FindJourney(sub)?.Title ?? sub}", w, 10, FontStyleKind.Italic));
                    }

                    stepPlans[(si, ti)] = (ctx.Wrap(step.Name, w, 11.5f, FontStyleKind.Bold), extra);
                }
            }

            var stepHeight = 16 + stepPlans.Values.Select(p => (p.Name.Count * 15) + (p.Extra.Count * 13)).DefaultIfEmpty(15).Max();
            scene.Box(Margin, y, columns[^1].X + columns[^1].Width - Margin, stepHeight, "#E8EEF5");
            scene.Text(Margin + 14, y + 20, "Steps", 12, Palette.InkMuted, FontStyleKind.Bold);
            for (var si = 0; si < columns.Count; si++)
            {
                var col = columns[si];
                for (var s = 0; s < col.Steps.Count; s++)
                {
                    var step = col.Steps[s];
                    var (name, extra) = stepPlans[(si, s)];
                    var grouped = scene.BeginElement(step.StepId, "step");
                    if (grouped)
                    {
                        // The step's cell, so all of it answers a click (invisible: no fill, no stroke).
                        scene.Box(step.X, y, step.Width, stepHeight, "none");
                    }

                    var ty = scene.Lines(name, step.X + 10, y + 8, 11.5f, 15, Palette.Ink, FontStyleKind.Bold);
                    scene.Lines(extra, step.X + 10, ty, 10, 13, Palette.InkMuted, FontStyleKind.Italic);
                    if (grouped)
                    {
                        scene.EndGroup();
                    }

                    if (s > 0)
                    {
                        scene.Line(step.X, y + 6, step.X, y + stepHeight - 6, "#B8C4D2");
                        scene.Path($"M{F(step.X - 5)} {F(y + 13)}L{F(step.X + 1)} {F(y + 17)}L{F(step.X - 5)} {F(y + 21)}", "#7C8A9C", 1.3f);
                    }
                }
            }

            y += stepHeight;
        }

        return y;
    }

    private static void DrawStepDividers(Context ctx, List<StageColumn> columns, float top, float bottom)
    {
        foreach (var col in columns)
        {
            ctx.Scene.Line(col.X, top, col.X, bottom, Palette.Rule);
            foreach (var step in col.Steps.Skip(1))
            {
                ctx.Scene.Line(step.X, top, step.X, bottom, "#E3E7EC", 1, "4 4");
            }
        }

        if (columns.Count > 0)
        {
            var right = columns[^1].X + columns[^1].Width;
            ctx.Scene.Line(right, top, right, bottom, Palette.Rule);
        }
    }

    /// <summary>The height the lane's name block takes in the fixed column (its row is never shorter).</summary>
    private static float LaneNameHeight(Context ctx, Lane lane)
    {
        var name = LaneName(lane);
        var h = 12 + (ctx.Wrap(name, LaneColumnWidth - 36, 13, FontStyleKind.Bold).Count * 18);
        if (!string.Equals(name, TypeName(lane.Type), StringComparison.OrdinalIgnoreCase))
        {
            h += ctx.Wrap(TypeName(lane.Type).ToLowerInvariant(), LaneColumnWidth - 36, 10.5f).Count * 14;
        }

        return h;
    }

    private static void DrawLaneName(Context ctx, LaneRow row, float gridRight)
    {
        var scene = ctx.Scene;
        scene.Line(Margin, row.Y, gridRight, row.Y, Palette.Rule);
        var grouped = scene.BeginElement(row.LaneId, "lane");
        scene.Box(Margin, row.Y, LaneColumnWidth, row.Height, Palette.Canvas);
        scene.Box(Margin, row.Y + 6, 5, row.Height - 12, Palette.LaneAccent(row.Type), null, 0, 2);
        var lines = ctx.Wrap(row.Name, LaneColumnWidth - 36, 13, FontStyleKind.Bold);
        var y = scene.Lines(lines, Margin + 16, row.Y + 12, 13, 18, Palette.Ink, FontStyleKind.Bold);
        if (!string.Equals(row.Name, TypeName(row.Type), StringComparison.OrdinalIgnoreCase))
        {
            scene.Lines(ctx.Wrap(TypeName(row.Type).ToLowerInvariant(), LaneColumnWidth - 36, 10.5f), Margin + 16, y, 10.5f, 14, Palette.InkMuted);
        }

        if (grouped)
        {
            scene.EndGroup();
        }

    }

    // ---- Lanes ----
    private static float DrawLane(Context ctx, Lane lane, List<StageColumn> columns, float top, List<CardBox> cards, float minHeight)
    {
        // Plan every cell first so the row can take the height of its tallest cell.
        var cells = new List<(StageColumn Col, List<(LaneItem Item, CardPlan Plan)> Wide, List<(StepColumn Step, List<(LaneItem Item, CardPlan Plan)> Items)> Steps)>();
        var height = Math.Max(MinRowHeight, minHeight);
        for (var s = 0; s < ctx.Journey.Stages.Count; s++)
        {
            var stage = ctx.Journey.Stages[s];
            var col = columns[s];
            var items = lane.Items.Where(it => it.Stage == stage.Id).ToList();
            var wide = items.Where(it => it.Step is null || !stage.Steps.Exists(st => st.Id == it.Step))
                .Select(it => (it, PlanCard(ctx, lane, it, col.Width - (2 * CellPad)))).ToList();
            var steps = col.Steps
                .Select(st => (st, items.Where(it => it.Step == st.StepId).Select(it => (it, PlanCard(ctx, lane, it, st.Width - (2 * CellPad)))).ToList()))
                .ToList();
            var wideH = StackHeight(wide.Select(w => w.Item2));
            var stepH = steps.Select(st => StackHeight(st.Item2.Select(p => p.Item2))).DefaultIfEmpty(0).Max();
            var cellH = wideH + stepH + (wideH > 0 && stepH > 0 ? CardGap : 0);
            height = Math.Max(height, cellH + (2 * CellPad));
            cells.Add((col, wide, steps));
        }

        foreach (var (col, wide, steps) in cells)
        {
            var y = top + CellPad;
            foreach (var (item, plan) in wide)
            {
                y = PlaceCard(ctx, lane, item, plan, col.StageId, col.X + CellPad, y, col.Width - (2 * CellPad), cards);
            }

            foreach (var (step, stepItems) in steps)
            {
                var sy = y;
                foreach (var (item, plan) in stepItems)
                {
                    sy = PlaceCard(ctx, lane, item, plan, col.StageId, step.X + CellPad, sy, step.Width - (2 * CellPad), cards);
                }
            }
        }

        return height;
    }

    private static float StackHeight(IEnumerable<CardPlan> plans)
    {
        var list = plans.ToList();
        return list.Count == 0 ? 0 : list.Sum(p => p.Height) + ((list.Count - 1) * CardGap);
    }

    private static float PlaceCard(Context ctx, Lane lane, LaneItem item, CardPlan plan, string stageId, float x, float y, float width, List<CardBox> cards)
    {
        var grouped = ctx.Scene.BeginElement(item.Id, lane.KindOf().ItemWord);
        plan.Draw(ctx.Scene, x, y, width);
        if (grouped)
        {
            ctx.Scene.EndGroup();
        }

        cards.Add(new CardBox(lane.Id, stageId, item.Step, x, y, width, plan.Height, plan.BodyLines, CardPlan.TextWidth(width), plan.Grade));
        return y + plan.Height + CardGap;
    }
}

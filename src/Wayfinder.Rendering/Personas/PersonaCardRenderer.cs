namespace Wayfinder.Rendering.Personas;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;

/// <summary>A persona as a one-page card.</summary>
public static class PersonaCardRenderer
{
    public const float Width = 980;
    private const float Pad = 32;
    private const float Gutter = 32;
    private const float ColumnWidth = (Width - (2 * Pad) - Gutter) / 2;

    /// <summary>The card as a standalone SVG; staleness is judged on today's date (UTC).</summary>
    public static string RenderSvg(Persona persona, Workspace workspace) => RenderSvg(persona, workspace, null);

    /// <summary>The card as a standalone SVG, judging staleness on <paramref name="today"/>.</summary>
    public static string RenderSvg(Persona persona, Workspace workspace, DateOnly? today) =>
        Layout(persona, workspace, today ?? DateOnly.FromDateTime(DateTime.UtcNow)).ToSvg(persona.Title);

    /// <summary>The paper the persona PDF is printed on unless told otherwise: A4 portrait.</summary>
    public static PageSpec DefaultPage { get; } = new(PaperSize.A4, PageOrientation.Portrait);

    /// <summary>The card as a one-page PDF on <paramref name="page"/>'s paper (<see cref="DefaultPage"/>: A4 portrait), centred inside the margins, fonts embedded as subsets.</summary>
    public static byte[] RenderPdf(Persona persona, Workspace workspace, PageSpec page, DateOnly? today = null) =>
        Rasterizer.SvgToPdf(RenderSvg(persona, workspace, today), page);

    /// <summary>The persona's photo as a data URI to embed (written as one, or read from its file in the workspace); null draws the initials.</summary>
    public static string? Photo(Persona persona, Workspace workspace) =>
        WorkspaceImages.Load(workspace, persona.Photo).DataUri is { } uri && Scene.IsEmbeddableImage(uri) ? uri : null;

    /// <summary>Lays the card out.</summary>
    public static Scene Layout(Persona persona, Workspace workspace, DateOnly today)
    {
        var scene = new Scene { Width = Width, Brand = BrandStyle.Of(workspace) };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;
        EvidenceGrade Grade(IEnumerable<string> citations) => EvidenceGrading.Grade(citations, persona.Evidence, workspace.Config.Evidence);

        // Header: avatar, name, role, badges, quote.
        var typeColor = persona.Type switch
        {
            PersonaType.Statistical => Palette.BlueText,
            PersonaType.Qualitative => Palette.GreenText,
            _ => Palette.PurpleText,
        };
        const float R = 44;
        var textX = Pad + (2 * R) + 24;
        var textWidth = Width - Pad - textX;
        var name = persona.Name ?? persona.Title;
        var nameLines = TextWrapper.Wrap(name, textWidth, 26, FontStyleKind.Bold);
        var subtitle = string.Join(" · ", new[] { persona.Name is null ? null : persona.Title, persona.Role }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var subLines = TextWrapper.Wrap(subtitle, textWidth, 14);
        var quoteLines = string.IsNullOrWhiteSpace(persona.Quote) ? [] : TextWrapper.Wrap($"“{persona.Quote!.Trim()}”", textWidth, 16, FontStyleKind.Italic);
        var storyLines = TextWrapper.Wrap(persona.Story, textWidth, 12.5f);
        var headerHeight = Math.Max((2 * R) + 8, (nameLines.Count * 32) + (subLines.Count * 19) + 30 + (quoteLines.Count > 0 ? 10 + (quoteLines.Count * 22) : 0) + (storyLines.Count > 0 ? 8 + (storyLines.Count * 17) : 0)) + (2 * Pad) - 8;
        scene.Box(0, 0, Width, headerHeight, Palette.Canvas);
        scene.Box(0, 0, Width, 6, typeColor);
        scene.Circle(Pad + R, Pad + R, R, typeColor);
        var initials = persona.DisplayInitials();
        scene.Text(Pad + R, Pad + R + 11, initials.Length > 3 ? initials[..3] : initials, 30, Palette.Paper, FontStyleKind.Bold, "middle");
        if (Photo(persona, workspace) is { } photo)
        {
            scene.Image(Pad, Pad, 2 * R, 2 * R, photo, R);
        }

        var y = scene.Lines(nameLines, textX, Pad - 4, 26, 32, Palette.Ink, FontStyleKind.Bold);
        y = scene.Lines(subLines, textX, y, 14, 19, Palette.InkMuted);
        y += 6;
        var stale = persona.Review is null || persona.Review.IsStale(today, workspace.Config.Defaults.ReviewCadenceDays);
        var pills = new List<(string, string, string)> { ($"{persona.Type.ToString().ToLowerInvariant()} persona", typeColor, Palette.Paper) };
        pills.Add(stale
            ? ("REVIEW OVERDUE", Palette.Orange, Palette.Ink)
            : ($"reviewed {persona.Review!.LastReviewed:yyyy-MM-dd}", "#E8EEF5", Palette.Ink));
        new PillRow(pills).Draw(scene, textX, y, textWidth);
        y += 24;
        if (quoteLines.Count > 0)
        {
            y = scene.Lines(quoteLines, textX, y + 10, 16, 22, Palette.Ink, FontStyleKind.Italic);
        }

        if (storyLines.Count > 0)
        {
            scene.Lines(storyLines, textX, y + 8, 12.5f, 17, Palette.InkMuted);
        }

        // Two columns of sections.
        var top = headerHeight + 24;
        var left = new Column(scene, Pad, top, ColumnWidth);
        var right = new Column(scene, Pad + ColumnWidth + Gutter, top, ColumnWidth);

        if (persona.Demographics is { } d)
        {
            var rows = new List<(string, string)>();
            void Add(string key, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    rows.Add((key, value!));
                }
            }

            Add("Age", d.AgeRange);
            Add("Gender", d.Gender);
            Add("Location", d.Location);
            Add("Occupation", d.Occupation);
            Add("Income", d.Income);
            foreach (var (k, v) in d.Other)
            {
                Add(AttributeLabels.Of(k), v);
            }

            left.KeyValues("Demographics", Palette.Blue, rows);
        }

        left.Traits("Goals", Palette.Blue, persona.Goals.Select(t => (t.Text, Grade(t.Evidence))));
        left.Needs("Needs", persona.Needs.Select(n => (n.Text, n.Importance, Grade(n.Evidence))));
        left.Traits("Jobs to be done", Palette.SkyBlue, persona.Jobs.Select(j => (JobSentence(j), Grade(j.Evidence))));
        right.Traits("Pains", Palette.Vermillion, persona.Pains.Select(t => (t.Text, Grade(t.Evidence))));
        right.Traits("Gains", Palette.BluishGreen, persona.Gains.Select(t => (t.Text, Grade(t.Evidence))));
        right.Traits("Motivations", Palette.Orange, persona.Motivations.Select(t => (t.Text, Grade(t.Evidence))));
        right.Traits("Behaviours", Palette.ReddishPurple, persona.Behaviours.Select(t => (t.Text, Grade(t.Evidence))));
        right.Channels("Preferred channels", persona.Channels.Select(id => workspace.Config.Channels.Find(c => c.Id == id) ?? new Channel { Id = id, Name = id }));
        right.Traits("Competitors", Palette.Grey, persona.CompetitorAttitudes.Select(a =>
            ($"{workspace.Config.Competitors.Find(c => c.Id == a.Competitor)?.Name ?? a.Competitor}: {a.Attitude}", Grade(a.Evidence))));

        y = Math.Max(left.Y, right.Y);
        if (y == top)
        {
            // Say so rather than leave a blank card: an empty persona is a research to-do.
            scene.Text(Pad, y + 14, "No demographics, goals, needs or pains recorded yet — research to do.", 13, Palette.InkMuted, FontStyleKind.Italic);
            y += 30;
        }

        if (persona.EmpathyMap is { } e && (e.Says.Count + e.Thinks.Count + e.Does.Count + e.Feels.Count) > 0)
        {
            y += 8;
            scene.Text(Pad, y + 12, "EMPATHY MAP", 11, Palette.InkMuted, FontStyleKind.Bold);
            y += 22;
            var quads = new[] { ("Says", e.Says), ("Thinks", e.Thinks), ("Does", e.Does), ("Feels", e.Feels) };
            for (var row = 0; row < 2; row++)
            {
                var cols = new[] { new Column(scene, Pad + 14, y + 12, ColumnWidth - 28), new Column(scene, Pad + ColumnWidth + Gutter + 14, y + 12, ColumnWidth - 28) };
                for (var c = 0; c < 2; c++)
                {
                    var (title, traits) = quads[(row * 2) + c];
                    cols[c].Traits(title, Palette.ReddishPurple, traits.Select(t => (t.Text, Grade(t.Evidence))), always: true);
                }

                var h = Math.Max(cols[0].Y, cols[1].Y) - y;
                scene.Shapes.Insert(background + 1, new BoxShape(Pad, y, ColumnWidth, h, Palette.Canvas, Palette.Rule, 1, 8));
                scene.Shapes.Insert(background + 1, new BoxShape(Pad + ColumnWidth + Gutter, y, ColumnWidth, h, Palette.Canvas, Palette.Rule, 1, 8));
                y += h + 12;
            }
        }

        // Evidence key: the marker in each item's top-right corner, as on the journey map.
        y += 10;
        scene.Line(Pad, y, Width - Pad, y, Palette.Rule);
        y += 14;
        scene.Text(Pad, y + 15, "EVIDENCE", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        var kx = Pad + 76;
        foreach (var grade in new[] { EvidenceGrade.Assumption, EvidenceGrade.OneSource, EvidenceGrade.SeveralSources })
        {
            kx += Glyphs.EvidenceKey(scene, kx, y, grade, Palette.InkMuted) + 28;
        }

        y += 22;
        scene.Text(Width - Pad, y + 16, $"{persona.Id} · revision {persona.Revision}", 10, Palette.InkMuted, FontStyleKind.Regular, "end");
        scene.Height = MathF.Ceiling(y + 30);
        scene.Shapes[background] = new BoxShape(0, 0, scene.Width, scene.Height, Palette.Paper, Palette.Rule, 1);
        return scene;
    }

    /// <summary>
    /// "When …, I want to …, so I can …", reading well whether the parts are written as verbs ("book a flight"),
    /// as nouns ("a checklist") or as clauses ("I don't miss my flight"), and whether they repeat the template's words.
    /// </summary>
    public static string JobSentence(JobToBeDone job)
    {
        static string Strip(string text, params string[] prefixes)
        {
            text = text.Trim().TrimEnd('.');
            foreach (var prefix in prefixes)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return text[prefix.Length..].TrimStart();
                }
            }

            return text;
        }

        static bool StartsWithAny(string text, string[] words) =>
            words.Any(w => text.StartsWith(w + " ", StringComparison.OrdinalIgnoreCase) || text.StartsWith(w + "'", StringComparison.OrdinalIgnoreCase));

        var when = Strip(job.When, "when ");
        var want = Strip(job.Want, "I want to ", "I want ", "to ");
        var wantPhrase = StartsWithAny(want, s_determiners) ? $"I want {want}" : $"I want to {want}";
        var so = Strip(job.SoThat, "so that ", "so ");
        var soPhrase = StartsWithAny(so, s_subjects) ? $"so {so}" : $"so I can {so}";
        return $"When {when}, {wantPhrase}, {soPhrase}.";
    }

    private static readonly string[] s_determiners = ["a", "an", "the", "my", "our", "some", "more", "less", "fewer", "one", "no", "all", "every", "each", "someone", "something"];
    private static readonly string[] s_subjects = ["I", "we", "my", "our", "they", "she", "he", "it", "the", "nobody", "no"];

    /// <summary>A column that sections are stacked into.</summary>
    private sealed class Column(Scene scene, float x, float y, float width)
    {
        public float Y { get; private set; } = y;

        private const float ItemPadLeft = 10;
        private const float ItemPadRight = 28;
        private const float ItemPadY = 6;
        private const float ItemGap = 6;

        /// <summary>An item's box at <see cref="Y"/> for <paramref name="textHeight"/> of text, its evidence marker in the top-right corner.</summary>
        private void Item(float textHeight, EvidenceGrade grade)
        {
            scene.Box(x, Y, width, textHeight + (2 * ItemPadY), Palette.Paper, Palette.Rule, 1, 6);
            Glyphs.EvidenceCorner(scene, x + width, Y, grade);
        }

        private void Title(string title, string accent)
        {
            scene.Box(x, Y + 2, 4, 14, accent, null, 0, 2);
            scene.Text(x + 12, Y + 14, title.ToUpperInvariant(), 11, Palette.InkMuted, FontStyleKind.Bold);
            Y += 24;
        }

        public void Traits(string title, string accent, IEnumerable<(string Text, EvidenceGrade Grade)> traits, bool always = false)
        {
            var list = traits.ToList();
            if (list.Count == 0 && !always)
            {
                return;
            }

            Title(title, accent);
            foreach (var (text, grade) in list)
            {
                var lines = TextWrapper.Wrap(text, width - ItemPadLeft - ItemPadRight, 12.5f);
                Item(lines.Count * 17, grade);
                Y = scene.Lines(lines, x + ItemPadLeft, Y + ItemPadY, 12.5f, 17, Palette.Ink) + ItemPadY + ItemGap;
            }

            Y += 8;
        }

        public void Needs(string title, IEnumerable<(string Text, int Importance, EvidenceGrade Grade)> needs)
        {
            var list = needs.OrderByDescending(n => n.Importance).ToList();
            if (list.Count == 0)
            {
                return;
            }

            Title(title, Palette.Blue);
            const float Bar = 5 * 12;
            foreach (var (text, importance, grade) in list)
            {
                var lines = TextWrapper.Wrap(text, width - ItemPadLeft - ItemPadRight - Bar - 8, 12.5f);
                Item(lines.Count * 17, grade);

                // The importance squares sit left of the evidence corner, level with the first line.
                var barX = x + width - ItemPadRight - Bar;
                for (var i = 0; i < 5; i++)
                {
                    scene.Box(barX + (i * 12), Y + ItemPadY + 4, 10, 10, i < importance ? Palette.Blue : "#E3E7EC", null, 0, 2);
                }

                Y = scene.Lines(lines, x + ItemPadLeft, Y + ItemPadY, 12.5f, 17, Palette.Ink) + ItemPadY + ItemGap;
            }

            scene.Text(x + width - ItemPadRight, Y + 6, "importance 1–5", 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
            Y += 20;
        }

        public void KeyValues(string title, string accent, List<(string Key, string Value)> rows)
        {
            if (rows.Count == 0)
            {
                return;
            }

            Title(title, accent);
            const float KeyWidth = 110;
            foreach (var (key, value) in rows)
            {
                var keys = TextWrapper.Wrap(key, KeyWidth - 8, 11.5f, FontStyleKind.Bold);
                var values = TextWrapper.Wrap(value, width - KeyWidth, 12.5f);
                var kb = scene.Lines(keys, x, Y, 11.5f, 17, Palette.InkMuted, FontStyleKind.Bold);
                var vb = scene.Lines(values, x + KeyWidth, Y, 12.5f, 17, Palette.Ink);
                Y = Math.Max(kb, vb) + 3;
            }

            Y += 12;
        }

        public void Channels(string title, IEnumerable<Channel> channels)
        {
            var list = channels.ToList();
            if (list.Count == 0)
            {
                return;
            }

            Title(title, Palette.Blue);
            foreach (var channel in list)
            {
                Glyphs.Draw(scene, Glyphs.For(channel), x, Y, Palette.Blue);
                Y = scene.Lines(TextWrapper.Wrap(channel.Name, width - 26, 12.5f), x + 24, Y, 12.5f, 17, Palette.Ink) + 4;
            }

            Y += 12;
        }
    }
}

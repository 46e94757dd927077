namespace Wayfinder.Web.Components.Tests.Personas;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Components.Personas;

/// <summary>The persona card: every field of the document on the page, attribute keys as words, evidence marks, text from users as text.</summary>
public sealed class PersonaCardTests : BunitContext
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    private static readonly WorkspaceConfig Config = new()
    {
        Name = "demo",
        Channels = [new Channel { Id = "app", Name = "Mobile app" }],
        Competitors = [new Competitor { Id = "budgetjet", Name = "BudgetJet" }],
        Evidence = [new EvidenceLink { Id = "survey-q3", Kind = EvidenceKind.Survey, Title = "Post-flight survey" }],
    };

    private static Persona Full() => new()
    {
        Id = "maya",
        Title = "Maya, the first-time flyer",
        Name = "Maya",
        Role = "First-time flyer",
        Type = PersonaType.Qualitative,
        Owner = "lena",
        Tags = ["leisure"],
        Quote = "I don't want to hold up the queue.",
        Story = "Maya has never flown.",
        Demographics = new Demographics { AgeRange = "18-25", Location = "Manchester", Other = new() { ["trips_per_year"] = "1" } },
        Goals = [new Trait { Text = "Arrive without embarrassment", Evidence = ["int-1"] }],
        Needs = [new Need { Id = "clear-steps", Text = "Know each step", Importance = 5, Evidence = ["int-1", "survey-q3"] }],
        Jobs = [new JobToBeDone { When = "I pack", Want = "check the bag rules", SoThat = "nothing is taken" }],
        Motivations = ["See friends"],
        Pains = ["Hidden fees"],
        Gains = ["A clear price"],
        Behaviours = ["Books on the phone"],
        Channels = ["app"],
        CompetitorAttitudes = [new CompetitorAttitude { Competitor = "budgetjet", Attitude = "Cheap but confusing" }],
        EmpathyMap = new EmpathyMap { Says = ["Is this allowed?"], Thinks = ["Everyone knows but me"], Does = ["Reads the rules twice"], Feels = ["Nervous"] },
        Segment = "trips_per_year < 2",
        Evidence = [new EvidenceLink { Id = "int-1", Kind = EvidenceKind.Interview, Title = "Interviews with first flyers", Source = "research/int-1.md", Date = new DateOnly(2026, 9, 1) }],
        Review = new Review { LastReviewed = new DateOnly(2026, 1, 10), CadenceDays = 90 },
    };

    private IRenderedComponent<PersonaCard> RenderCard(Persona persona, PersonaDataCheck? check = null) =>
        Render<PersonaCard>(p => p.Add(c => c.Persona, persona).Add(c => c.Config, Config).Add(c => c.Today, new DateOnly(2026, 12, 3)).Add(c => c.DataCheck, check));

    [Fact]
    public void The_card_shows_every_field_of_the_persona()
    {
        var cut = RenderCard(Full(), new PersonaDataCheck(true, true, [new PersonaFinding("channels", "says they prefer 'app', but only 2% of the segment's 300 events happen there")]));
        var text = cut.Find("article").TextContent;

        Assert.Equal("Maya", cut.Find("h1").TextContent);
        Assert.Equal("Maya, the first-time flyer · First-time flyer", cut.Find(".persona-role").TextContent);
        Assert.Equal("M", cut.Find(".persona-initials").TextContent); // from the given name, one word
        Assert.Equal("“I don't want to hold up the queue.”", cut.Find("blockquote").TextContent);
        foreach (var expected in new[]
        {
            "Maya has never flown.", "qualitative persona", "leisure", "Age range", "18-25", "Location", "Manchester", "Trips per year", "lena",
            "trips_per_year < 2", "Arrive without embarrassment", "Know each step", "Importance 5/5", "check the bag rules", "nothing is taken",
            "See friends", "Hidden fees", "A clear price", "Books on the phone", "Mobile app", "BudgetJet:", "Cheap but confusing",
            "Is this allowed?", "Everyone knows but me", "Reads the rules twice", "Nervous", "Interviews with first flyers", "research/int-1.md",
            "2026-09-01", "2026-01-10", "90 days", "2026-04-10 (overdue)", "only 2% of the segment's 300 events happen there",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("trips_per_year", cut.Find(".persona-facts").TextContent.Replace("trips_per_year < 2", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("Review overdue", cut.Find("[data-test=stale]").TextContent);
        Assert.Equal(["Says", "Thinks", "Does", "Feels"], cut.FindAll(".empathy-quadrant h3").Select(h => h.TextContent));
    }

    [Fact]
    public void Each_item_carries_a_mark_of_the_evidence_behind_it()
    {
        var cut = RenderCard(Full());

        // The goal cites one interview; the need an interview and the workspace's survey; a pain cites nothing.
        var marks = cut.FindAll(".evidence-mark").Where(m => m.ParentElement!.TagName == "LI").ToList();
        Assert.Equal("1 source (Interview: Interviews with first flyers)", marks[0].TextContent);
        Assert.Contains("grade-one", marks[0].ClassList);
        Assert.Equal("2 sources · several kinds (Interview: Interviews with first flyers; Survey: Post-flight survey)", marks[1].TextContent);
        Assert.Contains("grade-several", marks[1].ClassList);
        Assert.Equal("Assumption (nothing cited)", marks[2].TextContent);
        Assert.Contains("grade-assumption", marks[2].ClassList);

        // The evidence table: kind, title, source, date, and how many items cite it (the goal and the need).
        var row = cut.FindAll(".persona-evidence tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal(["Interview", "Interviews with first flyers", "research/int-1.md", "2026-09-01", "2"], row);
    }

    [Fact]
    public void Without_imported_data_the_card_says_so_plainly()
    {
        var cut = RenderCard(Full() with { Review = new Review { LastReviewed = new DateOnly(2026, 11, 1) } }, new PersonaDataCheck(false, true, []));

        Assert.StartsWith("No data imported yet", cut.Find("[data-test=no-data]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=stale]"));
        Assert.Equal("Reviewed 1 Nov 2026", cut.Find(".persona-badges .badge-green").TextContent);
    }

    [Fact]
    public void Markup_in_the_name_quote_and_a_goal_shows_as_text()
    {
        var cut = RenderCard(new Persona { Id = "x", Title = "X", Name = Payload, Quote = Payload, Goals = [Payload] });

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(Payload, cut.Find("h1").TextContent);
        Assert.Equal($"“{Payload}”", cut.Find("blockquote").TextContent);
        Assert.Equal(Payload, cut.Find("#ps-goals + ul .persona-item-text").TextContent);
    }

    [Theory]
    [InlineData("trips_per_year", "Trips per year")]
    [InlineData("age-range", "Age range")]
    [InlineData("nps", "Nps")]
    [InlineData("loyalty__tier", "Loyalty tier")]
    public void Attribute_keys_read_as_words(string key, string expected) => Assert.Equal(expected, PersonaText.Words(key));
}

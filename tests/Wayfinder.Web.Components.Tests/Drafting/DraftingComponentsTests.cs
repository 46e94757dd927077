namespace Wayfinder.Web.Components.Tests.Drafting;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Drafting;
using Wayfinder.Drafting.Enrich;
using Wayfinder.Web.Components.Drafting;

/// <summary>
/// The "Draft a journey" form, the draft banner and the proposals list: what they show, what they offer whom, and what
/// they hand to the page. User text is rendered as text, never as markup.
/// </summary>
public sealed class DraftingComponentsTests : BunitContext
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    private static readonly Persona[] s_personas =
    [
        new() { Id = "first-time-flyer", Title = "First-time flyer", Name = "Maya" },
        new() { Id = "business-traveller", Title = "Business traveller" },
    ];

    private readonly List<DraftRequest> _drafts = [];

    private IRenderedComponent<DraftForm> Form(bool model = false, string[]? events = null, string? error = null, string[]? problems = null, bool busy = false, string[]? progress = null) =>
        Render<DraftForm>(p => p
            .Add(f => f.Personas, s_personas)
            .Add(f => f.EventNames, events ?? [])
            .Add(f => f.ModelConfigured, model)
            .Add(f => f.ModelName, model ? "llama3.1" : null)
            .Add(f => f.Error, error)
            .Add(f => f.Problems, problems ?? [])
            .Add(f => f.Busy, busy)
            .Add(f => f.Progress, progress ?? [])
            .Add(f => f.OnDraft, (DraftRequest r) => _drafts.Add(r)));

    [Fact]
    public void The_form_has_a_labelled_field_for_persona_scenario_goal_title_id_and_template()
    {
        var cut = Form();

        foreach (var id in new[] { "draft-persona", "draft-scenario", "draft-goal", "draft-title-input", "draft-id", "draft-template" })
        {
            Assert.NotNull(cut.Find($"label[for='{id}']"));
            Assert.NotNull(cut.Find($"#{id}"));
        }

        // "No persona" first, then each persona by name (its title when it has none) and id.
        Assert.Equal(["No persona (all customers)", "Maya (first-time-flyer)", "Business traveller (business-traveller)"],
            cut.FindAll("#draft-persona option").Select(o => o.TextContent.Trim()));
        Assert.Equal(TemplateCatalog.Journeys.Count, cut.FindAll("#draft-template option").Count);
        Assert.Equal(TemplateCatalog.DefaultJourney, cut.Find("#draft-template").GetAttribute("value"));
    }

    [Fact]
    public void The_language_model_is_offered_only_when_the_server_has_one()
    {
        var without = Form(model: false);
        Assert.Empty(without.FindAll("input[value='model']"));
        Assert.Contains("No language model is configured on this server", without.Find(".drafter").TextContent, StringComparison.Ordinal);

        var with = Form(model: true);
        Assert.Single(with.FindAll("input[value='model']"));
        Assert.Contains("Language model (llama3.1)", with.Find(".drafter").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_is_shown_as_an_alert_with_each_problem_as_text()
    {
        var cut = Form(error: "The language model's draft is not a valid journey: nothing was written.", problems: ["stages[0].name: required", Payload]);

        var alert = cut.Find(".notice-error[role='alert']");
        Assert.Equal("The language model's draft is not a valid journey: nothing was written.", alert.QuerySelector("p")!.TextContent);
        Assert.Equal(["stages[0].name: required", Payload], alert.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.Empty(cut.FindAll("img"));
    }

    [Fact]
    public void Drafting_an_empty_form_lists_scenario_goal_and_id_and_asks_for_nothing()
    {
        var cut = Form();

        cut.Find("form").Submit();

        // No title, persona or scenario to make an id from: the id is missing too.
        Assert.Empty(_drafts);
        Assert.Equal(["Scenario", "Business goal", "Id"], cut.FindAll(".notice-error li").Select(li => li.TextContent.Split(':')[0]));
    }

    [Fact]
    public void Without_a_title_the_id_is_made_from_the_persona_and_the_scenario()
    {
        var cut = Form();
        cut.Find("#draft-persona").Change("first-time-flyer");
        cut.Find("#draft-scenario").Input("First flight");
        cut.Find("#draft-goal").Input("book again");

        cut.Find("form").Submit();

        var request = Assert.Single(_drafts);
        Assert.Equal("first-time-flyer-first-flight", request.Id);
        Assert.Null(request.Title);
    }

    [Fact]
    public void A_complete_form_hands_the_page_the_request_with_the_id_from_the_title()
    {
        var cut = Form(events: ["app_open", "booking_confirmed"]);
        cut.Find("#draft-persona").Change("first-time-flyer");
        cut.Find("#draft-scenario").Input("  first international flight ");
        cut.Find("#draft-goal").Input("more first-time flyers book again");
        cut.Find("#draft-title-input").Input("Maya's first flight");
        cut.Find("#draft-from-data").Change(true);
        cut.Find("#draft-goal-event").Change("booking_confirmed");

        cut.Find("form").Submit();

        var request = Assert.Single(_drafts);
        Assert.Equal(
            new DraftRequest
            {
                Id = "maya-s-first-flight",
                Title = "Maya's first flight",
                Persona = "first-time-flyer",
                Scenario = "first international flight",
                Goal = "more first-time flyers book again",
                Template = TemplateCatalog.DefaultJourney,
                FromData = true,
                GoalEvent = "booking_confirmed",
                Drafter = DrafterChoice.Offline,
            },
            request);
    }

    [Fact]
    public void Drafting_from_data_is_offered_only_with_events_and_then_offers_their_names()
    {
        var without = Form();
        Assert.True(without.Find("#draft-from-data").HasAttribute("disabled"));
        Assert.Empty(without.FindAll("#draft-start-event"));

        var with = Form(events: ["app_open", "fare_search"]);
        with.Find("#draft-from-data").Change(true);
        Assert.Equal(["Any (each customer's first event)", "app_open", "fare_search"], with.FindAll("#draft-start-event option").Select(o => o.TextContent));
    }

    [Fact]
    public void While_drafting_the_fields_are_locked_and_the_latest_progress_is_read_out()
    {
        var cut = Form(busy: true, progress: ["discovering the journey in the events", "composing the draft offline"]);

        Assert.Equal("composing the draft offline…", cut.Find(".draft-progress[aria-live='polite']").TextContent.Trim());
        Assert.True(cut.Find("#draft-scenario").HasAttribute("disabled"));
        Assert.Equal("Drafting…", cut.Find("button[type='submit']").TextContent);
    }

    [Fact]
    public void The_banner_says_which_drafter_and_marks_the_map_reviewed_for_an_editor_only()
    {
        var reviewed = 0;
        var note = new DraftNote { Drafter = "model", Model = "llama3.1", Date = new DateOnly(2026, 12, 3), Note = Payload };
        var editor = Render<DraftBanner>(p => p.Add(b => b.Note, note).Add(b => b.Tagged, true).Add(b => b.CanEdit, true).Add(b => b.OnReviewed, () => reviewed++));

        Assert.Equal("Draft by a language model (llama3.1) on 2026-12-03", editor.Find("h2").TextContent.Trim());
        Assert.Equal(Payload, editor.Find(".draft-note").TextContent);
        editor.Find("button").Click();
        Assert.Equal(1, reviewed);

        var viewer = Render<DraftBanner>(p => p.Add(b => b.Note, note).Add(b => b.Tagged, true).Add(b => b.CanEdit, false));
        Assert.Empty(viewer.FindAll("button"));
        Assert.Empty(Render<DraftBanner>(p => p.Add(b => b.Note, null).Add(b => b.Tagged, false)).FindAll("section"));
    }

    [Fact]
    public void Marking_reviewed_removes_the_drafted_tag_and_the_note_and_keeps_the_other_tags()
    {
        var journey = new Journey { Id = "j", Title = "J", Tags = ["travel", "drafted"], Draft = new DraftNote { Drafter = "offline" } };

        var reviewed = DraftBanner.Reviewed(journey);

        Assert.Equal(["travel"], reviewed.Tags);
        Assert.Null(reviewed.Draft);
    }

    private static Proposal Kpi(int number, string stage, string text) =>
        new(number, ProposalKind.Kpi, stage, LaneType.Kpis, new LaneItem { Stage = stage, Text = text }, $"{stage} has no KPI", "the map: no KPI in this stage");

    [Fact]
    public void An_editor_accepts_or_rejects_each_proposal_or_all_and_a_viewer_only_reads_them()
    {
        var accepted = new List<int>();
        var rejected = new List<int>();
        var all = 0;
        Proposal[] proposals = [Kpi(1, "choose", "Search to booking rate"), Kpi(2, "pay", Payload)];
        var editor = Render<ProposalList>(p => p
            .Add(l => l.Proposals, proposals)
            .Add(l => l.StageNames, new Dictionary<string, string> { ["choose"] = "Choose", ["pay"] = "Pay" })
            .Add(l => l.CanEdit, true)
            .Add(l => l.OnAccept, (Proposal x) => accepted.Add(x.Number))
            .Add(l => l.OnReject, (Proposal x) => rejected.Add(x.Number))
            .Add(l => l.OnAcceptAll, () => all++));

        Assert.Equal(["Search to booking rate", Payload], editor.FindAll(".proposal-text").Select(t => t.TextContent));
        Assert.Equal("in Pay", editor.FindAll(".proposal-head .meta")[1].TextContent);
        Assert.Equal("Source: the map: no KPI in this stage", editor.FindAll(".proposal-source")[0].TextContent);
        Assert.Empty(editor.FindAll("img"));
        editor.FindAll(".proposal[data-number='2'] button")[0].Click();
        editor.FindAll(".proposal[data-number='1'] button")[1].Click();
        editor.Find(".proposal-actions button").Click();
        Assert.Equal([2], accepted);
        Assert.Equal([1], rejected);
        Assert.Equal(1, all);

        var viewer = Render<ProposalList>(p => p.Add(l => l.Proposals, proposals).Add(l => l.CanEdit, false));
        Assert.Empty(viewer.FindAll("button"));
        Assert.Equal(2, viewer.FindAll(".proposal").Count);
    }
}

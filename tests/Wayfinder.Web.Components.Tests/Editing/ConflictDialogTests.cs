namespace Wayfinder.Web.Components.Tests.Editing;

using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Editing;

/// <summary>
/// The conflict dialog over a small journey: base has stage plan "Plan" and cell-1 "Compares fares"; I renamed the stage
/// "Dream" and wrote "Compares fares on my phone"; ana (theirs) renamed it "Explore" and wrote "Asks friends". Two conflicts.
/// </summary>
public sealed class ConflictDialogTests : BunitContext
{
    private static readonly Journey s_base = Trip("Plan", "Compares fares");
    private static readonly Journey s_mine = Trip("Dream", "Compares fares on my phone");
    private static readonly Journey s_theirs = Trip("Explore", "Asks friends");

    [Fact]
    public void EachConflictIsListedInPlainWordsWithBeforeTheirsAndYours()
    {
        var cut = Render<ConflictDialog<Journey>>(p => p
            .Add(d => d.Merge, DocumentMerge.Merge(s_base, s_mine, s_theirs))
            .Add(d => d.TheirAuthor, "ana"));

        var dialog = cut.Find("[role=dialog]");
        Assert.Equal("Conflicting edits", dialog.GetAttribute("aria-label"));
        Assert.Equal("Your edits and ana's conflict", cut.Find("h2").TextContent);
        Assert.Equal(["plan/name", "cell-1/text"], cut.FindAll("li.conflict").Select(li => li.GetAttribute("data-conflict")));
        Assert.Equal(
            ["Stage plan: its name", "Lane item cell-1: its text"],
            cut.FindAll(".conflict-what").Select(p => p.TextContent));
        Assert.Equal(["Plan", "Explore", "Dream"], Values(cut, "plan/name"));
        Assert.Equal(["Compares fares", "Asks friends", "Compares fares on my phone"], Values(cut, "cell-1/text"));
        Assert.True(cut.Find("button.btn-primary").HasAttribute("disabled"));
        Assert.Equal("Apply choices (0 of 2 made)", cut.Find("button.btn-primary").TextContent.Trim());
    }

    [Fact]
    public void ChoicesPerConflictGiveExactlyTheDocumentChosen()
    {
        Journey? resolved = null;
        var cut = Render<ConflictDialog<Journey>>(p => p
            .Add(d => d.Merge, DocumentMerge.Merge(s_base, s_mine, s_theirs))
            .Add(d => d.OnResolved, (Journey j) => resolved = j));

        cut.Find("li[data-conflict='plan/name'] input[value=mine]").Change(true);
        Assert.Equal("Apply choices (1 of 2 made)", cut.Find("button.btn-primary").TextContent.Trim());
        cut.Find("li[data-conflict='cell-1/text'] input[value=theirs]").Change(true);
        cut.Find("button.btn-primary").Click();

        Assert.NotNull(resolved);
        Assert.True(EditSession<Journey>.SameText(Trip("Dream", "Asks friends"), resolved), Json(resolved));
    }

    [Theory]
    [InlineData("Keep all mine", "Dream", "Compares fares on my phone")]
    [InlineData("Keep all theirs", "Explore", "Asks friends")]
    public void AllMineOrAllTheirsDecidesEveryConflictAtOnce(string button, string stage, string cell)
    {
        Journey? resolved = null;
        var cut = Render<ConflictDialog<Journey>>(p => p
            .Add(d => d.Merge, DocumentMerge.Merge(s_base, s_mine, s_theirs))
            .Add(d => d.OnResolved, (Journey j) => resolved = j));

        cut.FindAll("button").Single(b => b.TextContent == button).Click();

        Assert.NotNull(resolved);
        Assert.True(EditSession<Journey>.SameText(Trip(stage, cell), resolved), Json(resolved));
    }

    [Fact]
    public void AnElementDeletedByThemAndChangedByMeSaysSoAndCanBeKept()
    {
        var theirs = s_base with { Lanes = [s_base.Lanes[0] with { Items = [] }] };
        Journey? resolved = null;
        var cut = Render<ConflictDialog<Journey>>(p => p
            .Add(d => d.Merge, DocumentMerge.Merge(s_base, Trip("Plan", "Compares fares on my phone"), theirs))
            .Add(d => d.OnResolved, (Journey j) => resolved = j));

        Assert.Equal("Lane item cell-1: they deleted it, you changed it", cut.Find(".conflict-what").TextContent);
        Assert.Equal("(deleted)", cut.Find("dd[data-side=theirs]").TextContent);
        cut.Find("input[value=mine]").Change(true);
        cut.Find("button.btn-primary").Click();

        Assert.True(EditSession<Journey>.SameText(Trip("Plan", "Compares fares on my phone"), resolved!), Json(resolved));
    }

    [Fact]
    public void MarkupInTheValuesIsShownAsText()
    {
        var cut = Render<ConflictDialog<Journey>>(p => p
            .Add(d => d.Merge, DocumentMerge.Merge(s_base, Trip("Plan", "<img src=x onerror=alert(1)>"), s_theirs))
            .Add(d => d.TheirAuthor, "<b>ana</b>"));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find("li[data-conflict='cell-1/text'] dd[data-side=mine]").TextContent);
    }

    private static IEnumerable<string> Values(IRenderedComponent<ConflictDialog<Journey>> cut, string conflict) =>
        cut.FindAll($"li[data-conflict='{conflict}'] dd").Select(d => d.TextContent);

    private static string Json(Journey? journey) =>
        journey is null ? "nothing resolved" : System.Text.Json.JsonSerializer.Serialize(journey, Core.Serialization.DocumentJson.Options);

    private static Journey Trip(string stage, string cell) => new()
    {
        Id = "trip",
        Title = "Trip",
        Stages = [new Stage { Id = "plan", Name = stage }, new Stage { Id = "book", Name = "Book" }],
        Lanes = [new Lane { Id = "actions", Type = LaneType.Actions, Items = [new LaneItem { Id = "cell-1", Stage = "plan", Text = cell }] }],
    };
}

namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

public sealed class EventClaimTests
{
    // Two touchpoints in one stage; {0} and {1} are the YAML of their first event.
    private const string Template = """
        kind: journey
        id: j
        title: J
        stages:
          - id: s
            name: S
        lanes:
          - id: tp
            type: touchpoints
            items:
              - stage: s
                channel: web
                events:
                  - {0}
              - stage: s
                channel: web
                events:
                  - {1}
        """;

    private static string[] Clashes(string first, string second)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, first, second).ReplaceLineEndings("\n") + "\n";
        var workspace = new Workspace
        {
            Root = "/tmp",
            Config = new WorkspaceConfig { Name = "x", Channels = [new Channel { Id = "web", Name = "Web" }] },
            Journeys = [new SourcedDocument<Journey>(DocumentYaml.Read<Journey>(text), "journeys/j.yaml", text)],
        };

        return [.. WorkspaceValidator.Validate(workspace, Fixture.Today).Diagnostics.Where(d => d.Code == "event-claimed-twice").Select(d => d.ToString())];
    }

    [Fact]
    public void SameExactNameOnTwoTouchpointsIsAClash()
    {
        Assert.Equal(
            ["journeys/j.yaml:18:13 lanes[0].items[1].events[0]: event \"signup\" is also claimed by the touchpoint at lanes[0].items[0].events[0] (14:13); an event maps to at most one touchpoint, so give each a different where condition or remove one"],
            Clashes("signup", "signup"));
    }

    [Fact]
    public void TwoIdenticalWildcardPatternsAreAClash()
    {
        Assert.Single(Clashes("checkout_*", "checkout_*"));
    }

    [Fact]
    public void QuestionMarkPatternMatchingTheOtherNameIsAClash()
    {
        Assert.Single(Clashes("step_2", "step_?"));
    }

    [Fact]
    public void DifferentPatternsThatMerelyOverlapAreNotReported()
    {
        Assert.Empty(Clashes("a*", "\"*b\""));
    }

    [Fact]
    public void DifferentNamesAreNotAClash()
    {
        Assert.Empty(Clashes("signup", "signin"));
    }

    [Fact]
    public void SameNameToldApartByDifferentWhereConditionsIsNotAClash()
    {
        Assert.Empty(Clashes("{ name: view, where: 'page = \"/a\"' }", "{ name: view, where: 'page = \"/b\"' }"));
    }

    [Fact]
    public void SameNameWithEquivalentWhereConditionsIsAClash()
    {
        // The conditions differ only in spacing and keyword case, so they parse to the same filter.
        Assert.Single(Clashes("{ name: view, where: 'page = \"/a\" AND x = 1' }", "{ name: view, where: 'page=\"/a\" and x=1' }"));
    }

    [Fact]
    public void WhereConditionOnOnlyOneSideDoesNotTellThemApart()
    {
        Assert.Single(Clashes("view", "{ name: view, where: 'page = \"/b\"' }"));
    }
}

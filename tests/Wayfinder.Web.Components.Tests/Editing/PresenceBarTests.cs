namespace Wayfinder.Web.Components.Tests.Editing;

using Wayfinder.Web.Components.Editing;

/// <summary>The presence bar: an avatar per other person, in their colour, saying what they have selected.</summary>
public sealed class PresenceBarTests : BunitContext
{
    [Fact]
    public void EachOtherPersonIsAnAvatarWithInitialsColourAndSelection()
    {
        IReadOnlyList<PresentPerson> people = DocumentPresence.Colour([("alex-morgan", "stage-book"), ("ben", null)]);

        var cut = Render<PresenceBar>(p => p.Add(b => b.People, people));

        var avatars = cut.FindAll("li.presence-avatar");
        Assert.Equal(["alex-morgan", "ben"], avatars.Select(a => a.GetAttribute("data-presence-user")));
        Assert.Equal(["AM", "B"], avatars.Select(a => a.QuerySelector("[aria-hidden=true]")!.TextContent));
        Assert.Equal(["alex-morgan has stage-book selected", "ben is here"], avatars.Select(a => a.GetAttribute("title")));
        Assert.Equal("--presence-colour: #56B4E9; --presence-ink: #000000", avatars[0].GetAttribute("style"));
        Assert.Equal("--presence-colour: #E69F00; --presence-ink: #000000", avatars[1].GetAttribute("style"));
        Assert.Equal("2 other people here", cut.Find("[role=group]").GetAttribute("aria-label"));
    }

    [Fact]
    public void AloneTheBarSaysSo()
    {
        var cut = Render<PresenceBar>(p => p.Add(b => b.People, []));

        Assert.Equal("Only you are here", cut.Find(".presence-alone").TextContent);
        Assert.Empty(cut.FindAll("[data-presence-user]"));
    }

    [Fact]
    public void ColoursDifferForPeopleWhoseOwnColourIsTaken()
    {
        // ana and ben both hash to orange: whoever came second takes the next colour, on every screen alike.
        var people = DocumentPresence.Colour([("ana", null), ("ben", null), ("alex-morgan", null)]);

        Assert.Equal(["#E69F00", "#56B4E9", "#009E73"], people.Select(p => p.Colour));
    }

    [Fact]
    public void AUserNameWithMarkupIsText()
    {
        var cut = Render<PresenceBar>(p => p.Add(b => b.People, DocumentPresence.Colour([("<img src=x onerror=alert(1)>", null)])));

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)> is here", cut.Find(".visually-hidden").TextContent);
    }
}

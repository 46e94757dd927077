namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;

public sealed class GlyphsTests
{
    [Fact]
    public void EveryGlyphCoreNamesHasADrawing()
    {
        Assert.All(ChannelGlyphs.Names, name => Assert.True(Glyphs.HasDrawing(name), $"no drawing for glyph \"{name}\""));
    }

    [Fact]
    public void AChannelAsksForAGlyphInAnyCase()
    {
        Assert.Equal("kiosk", Glyphs.For(new Channel { Id = "k", Name = "Kiosk", Glyph = "Kiosk" }));
        Assert.Equal("store", Glyphs.For(new Channel { Id = "s", Name = "Shop", Kind = ChannelKind.Physical, Glyph = "shopfront" }));
    }

    [Fact]
    public void TheStandardChannelsThatAreDifferentThingsHaveDifferentGlyphs()
    {
        // Only premises share one (a store, a branch and a clinic are all a shopfront); every other standard channel
        // has a glyph of its own, so "Search engine" is not drawn as "Website" nor "SMS" as "Phone".
        var premises = new HashSet<string>(["store", "branch", "clinic"]);
        var glyphs = Core.Templates.DemoWorkspace.StandardChannels.Where(c => !premises.Contains(c.Id)).Select(Glyphs.For).ToList();

        Assert.Equal(glyphs.Count, glyphs.Distinct().Count());
        Assert.Equal("search", Glyphs.For(Core.Templates.DemoWorkspace.StandardChannels.Single(c => c.Id == "search")));
        Assert.Equal("message", Glyphs.For(Core.Templates.DemoWorkspace.StandardChannels.Single(c => c.Id == "sms")));
    }

    [Fact]
    public void EachGlyphDrawsSomethingOfItsOwn()
    {
        var drawings = ChannelGlyphs.Names.Select(name =>
        {
            var scene = new Scene { Width = 16, Height = 16 };
            Glyphs.Draw(scene, name, 0, 0, "#000000");
            return scene.ToSvg("glyph");
        }).ToList();

        Assert.Equal(drawings.Count, drawings.Distinct().Count());
    }
}

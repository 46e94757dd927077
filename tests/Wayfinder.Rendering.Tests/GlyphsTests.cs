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
}

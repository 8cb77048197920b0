using Kaleido.Runtime.Imaging;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Tests.Imaging;

public sealed class OverlayPaletteTests
{
    [Theory]
    [InlineData("medium purple ellipse", 128, 0, 128)]
    [InlineData("Red circle", 255, 0, 0)]
    [InlineData("a small blue-green star", 0, 0, 255)] // the first colour word wins
    [InlineData("big grey square", 128, 128, 128)]
    public void A_phrase_is_drawn_in_the_colour_it_names(string phrase, byte r, byte g, byte b)
    {
        Assert.Equal(new Rgb24(r, g, b), OverlayPalette.ColourFor(phrase, itemIndex: 3));
    }

    [Fact]
    public void A_phrase_without_a_colour_word_gets_its_index_colour()
    {
        Assert.Null(OverlayPalette.NamedIn("a shape"));
        Assert.Null(OverlayPalette.NamedIn("redder thing")); // whole words only
        Assert.Equal(OverlayPalette.ColourFor(2), OverlayPalette.ColourFor("a shape", 2));
        Assert.NotEqual(OverlayPalette.ColourFor(0), OverlayPalette.ColourFor(1));
    }
}

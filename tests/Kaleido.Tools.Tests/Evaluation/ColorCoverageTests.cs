using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Evaluation;

namespace Kaleido.Tools.Tests.Evaluation;

public sealed class ColorCoverageTests
{
    [Fact]
    public void MaxResidual_IsHalfTheClosestPairOfOrangeAndYellow()
    {
        // Worked out by hand: orange (245, 140, 20) to yellow (240, 210, 30) is √(25 + 4900 + 100) = 70.89,
        // the closest an object colour comes to any other scene colour.
        Assert.Equal(0.5 * Math.Sqrt(25 + 4900 + 100), ColorCoverage.MaxResidual, 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    public void ABlendWithTheBackground_GivesItsMixingWeight(double weight)
    {
        foreach (NamedColor color in Palette.ObjectColors)
        {
            foreach (NamedColor background in Palette.BackgroundColors)
            {
                byte Mix(byte c, byte b) => (byte)Math.Round(weight * c + (1 - weight) * b);
                float alpha = ColorCoverage.Alpha(Mix(color.R, background.R), Mix(color.G, background.G), Mix(color.B, background.B), color);
                // Byte rounding moves the pixel by at most √3/2; α moves by that over the colours' distance.
                Assert.True(Math.Abs(alpha - weight) < 0.01, $"{color.Name} over {background.Name} at {weight}: α {alpha}");
            }
        }
    }

    [Fact]
    public void AnotherSceneColour_CoversNoneOfThisOne()
    {
        foreach (NamedColor color in Palette.ObjectColors)
            foreach (NamedColor other in ColorCoverage.SceneColors.Where(o => (o.R, o.G, o.B) != (color.R, color.G, color.B)))
                Assert.Equal(0f, ColorCoverage.Alpha(other.R, other.G, other.B, color));
    }

    [Fact]
    public void DetectedBox_OfASquare_UsesMaskGeometryRounding()
    {
        // A 32x32 image, gray, with a blue square covering pixels 4..11 (x) and 20..27 (y) exactly.
        const int side = 32;
        NamedColor blue = Palette.ObjectColors.Single(c => c.Name == "blue");
        NamedColor gray = Palette.BackgroundColors.Single(c => c.Name == "gray");
        var rgb = new byte[side * side * 3];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                NamedColor c = x is >= 4 and <= 11 && y is >= 20 and <= 27 ? blue : gray;
                (rgb[(y * side + x) * 3], rgb[(y * side + x) * 3 + 1], rgb[(y * side + x) * 3 + 2]) = (c.R, c.G, c.B);
            }
        }
        DetectedRegion region = Assert.Single(ColorDetector.Detect(rgb, side, blue));
        // Pixel x covers [x, x + 1): 4·1000/32 = 125, 12·1000/32 = 375, 20·1000/32 = 625, 28·1000/32 = 875.
        Assert.Equal(new BoundingBox(125, 625, 375, 875), region.Box);
        Assert.Equal(64, region.Area, 6);
        Assert.Empty(ColorDetector.Detect(rgb, side, Palette.ObjectColors.Single(c => c.Name == "red")));
    }
}

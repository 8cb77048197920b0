using Kaleido.Tools.Dataset;
using Kaleido.Tools.Metrics;

namespace Kaleido.Tools.Tests.Metrics;

public sealed class AttributeCoverageTests
{
    [Fact]
    public void HalfTheAttributes_GiveHalf()
    {
        string[] vocabulary = ["a", "b", "c", "d", "e", "f"];
        string[][] samples = [["a"], ["a", "b"], ["c"], []];
        Assert.Equal(0.5, AttributeCoverage.Compute(samples, vocabulary));
    }

    [Fact]
    public void ShapesVocabulary_HalfCoveredByScenes()
    {
        // 16 attributes (6 colours, 6 shapes, 4 backgrounds); these scenes show red, orange, yellow, green,
        // circle, square, triangle, white: 8 of 16.
        Assert.Equal(16, ShapesAttributes.All.Count);
        var scenes = new[]
        {
            Scene(Palette.BackgroundColors[0], (ShapeKind.Circle, 0), (ShapeKind.Square, 1)),
            Scene(Palette.BackgroundColors[0], (ShapeKind.Triangle, 2), (ShapeKind.Circle, 3)),
        };
        Assert.Equal(0.5, AttributeCoverage.Compute(scenes.Select(ShapesAttributes.Of), ShapesAttributes.All));
        // One kind at a time: keep only that kind's values (the strict check refuses the others).
        var colors = scenes.Select(s => ShapesAttributes.Of(s).Where(ShapesAttributes.Colors.Contains).ToArray());
        Assert.Equal(4.0 / 6, AttributeCoverage.Compute(colors, ShapesAttributes.Colors));
    }

    [Fact]
    public void FromLogits_DecodesTheClassifierLayout()
    {
        // Shapes circle..cross, colours red..purple, backgrounds white, gray, black, beige, then 4 style logits.
        float[] logits =
        [
            -1, 2, -3, 0.5f, -0.1f, -2,      // square, star
            -1, -1, -1, -1, 3, -1,            // blue
            0.1f, 0.2f, -5, 0.3f,             // beige (largest)
            9, 9, 9, 9,                       // style: not a coverage attribute
        ];
        var observed = ShapesAttributes.FromLogits(logits);
        Assert.Equal(new[] { "background:beige", "color:blue", "shape:square", "shape:star" }, observed.Order());
        Assert.Throws<ArgumentException>(() => ShapesAttributes.FromLogits(new float[19]));
    }

    [Fact]
    public void UnknownAttribute_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => AttributeCoverage.Compute([["a"], ["z"]], ["a", "b"]));
        Assert.Contains("Sample 1 has the attribute 'z'", error.Message);
    }

    private static Scene Scene(NamedColor background, params (ShapeKind Shape, int Color)[] objects) =>
        new(background, BackgroundStyle.Plain, objects.Select(o =>
            new SceneObject(o.Shape, Palette.ObjectColors[o.Color], SizeClass.Small, 0.5, 0.5, 0.1, 0, 1)));
}

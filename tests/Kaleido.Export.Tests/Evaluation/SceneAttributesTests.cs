using Kaleido.Export.Evaluation;

namespace Kaleido.Export.Tests.Evaluation;

public sealed class SceneAttributesTests
{
    // Image 2 of `kaleido-tools dataset --count 5000 --seed 1` (docs/dataset.md), in three latent kinds.
    private const string Text =
        "Three shapes: a medium purple triangle on the left, a large yellow cross at the bottom right and a large purple cross in the center, on a plain white background.";
    private const string Bbox =
        "medium purple triangle (117, 273, 391, 532) large yellow cross (531, 484, 977, 938) large purple cross (359, 179, 758, 594) on a plain white background.";

    [Theory]
    [InlineData(Text)]
    [InlineData(Bbox)]
    [InlineData(Text + " | " + Bbox + " | <v36>#<v36>#<v1>")]
    public void Parse_DatasetLatents_FindsEveryAttribute(string latents)
    {
        var attributes = SceneAttributes.Parse(latents);
        Assert.Equal([false, false, true, false, false, true], attributes.Shapes);   // triangle, cross
        Assert.Equal([false, false, true, false, false, true], attributes.Colors);   // yellow, purple
        Assert.Equal(0, attributes.Background);                                     // white
        Assert.Equal(0, attributes.Style);                                          // plain
    }

    [Theory]
    [InlineData("on a white background with stripes.", 0, 1)]
    [InlineData("on a gray background with a checker pattern.", 1, 2)]
    [InlineData("on a plain beige background.", 3, 0)]
    public void Parse_EveryBackgroundClauseForm(string clause, int background, int style)
    {
        var attributes = SceneAttributes.Parse("large blue star (203, 140, 579, 540) " + clause);
        Assert.Equal(background, attributes.Background);
        Assert.Equal(style, attributes.Style);
    }

    [Fact]
    public void Parse_TexturedDarkBackground()
    {
        var attributes = SceneAttributes.Parse("One shape: a small red star at the top left, on a black background with dots.");
        Assert.Equal(3, Array.IndexOf(attributes.Shapes, true));
        Assert.Equal(0, Array.IndexOf(attributes.Colors, true));
        Assert.Equal(2, attributes.Background);
        Assert.Equal(3, attributes.Style);
        Assert.Equal([0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0], attributes.PresenceTargets());
    }

    [Theory]
    [InlineData("a red circle", "do not end with")]
    [InlineData("a red circle on a white background with waves.", "background style 'waves'")]
    [InlineData("a red circle on a plain pink background.", "background colour 'pink'")]
    [InlineData("a red thing on a plain white background.", "name no shape")]
    public void Parse_OtherText_ThrowsAUserError(string latents, string expected)
    {
        var error = Assert.Throws<EvaluationInputException>(() => SceneAttributes.Parse(latents));
        Assert.Contains(expected, error.Message);
    }
}

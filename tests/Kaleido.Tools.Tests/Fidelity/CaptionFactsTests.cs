using Kaleido.Tools.Dataset;
using Kaleido.Tools.Fidelity;

namespace Kaleido.Tools.Tests.Fidelity;

public sealed class CaptionFactsTests
{
    [Fact]
    public void Parse_ReadsGroupsAndBackground()
    {
        CaptionFacts facts = CaptionFacts.Parse("a large red circle, a cross and an orange shape on a black striped background");
        Assert.Equal(
            [new CaptionGroup(1, SizeClass.Large, "red", ShapeKind.Circle), new CaptionGroup(1, null, null, ShapeKind.Cross), new CaptionGroup(1, null, "orange", null)],
            facts.Groups);
        Assert.Equal("black", facts.BackgroundColor);
        Assert.Equal(BackgroundStyle.Stripes, facts.BackgroundStyle);
        Assert.Equal(3, facts.ObjectCount);
        Assert.Equal(2, CaptionFacts.Parse("a star and two shapes").Groups[1].Count);

        CaptionFacts plain = CaptionFacts.Parse("three shapes on a plain background");
        Assert.Null(plain.BackgroundColor);
        Assert.Equal(BackgroundStyle.Plain, plain.BackgroundStyle);
        Assert.Equal("gray", CaptionFacts.Parse("a star on a gray background").BackgroundColor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a red")]
    [InlineData("two circle")]
    [InlineData("a circles")]
    [InlineData("a pink circle")]
    [InlineData("a circle, a square")]
    [InlineData("a circle and a square and a star")]
    [InlineData("a circle on a background")]
    [InlineData("a circle on a red background")]
    [InlineData("a red large circle")]
    [InlineData("a star and three shapes")]
    public void Parse_RejectsCaptionsOutsideTheGrammar(string caption)
    {
        Assert.Throws<FormatException>(() => CaptionFacts.Parse(caption));
        Assert.Null(CaptionFacts.TryParse(caption));
    }

    [Fact]
    public void Parse_ReadsEveryDatasetCaption_AndItsCountsAddUpToTheScene()
    {
        for (int i = 0; i < 2000; i++)
        {
            SceneRandom random = SceneRandom.ForImage(3, i);
            Scene scene = SceneSampler.Sample(random);
            string caption = CaptionWriter.Write(scene, random);
            Assert.Equal(scene.Objects.Count, CaptionFacts.Parse(caption).ObjectCount);
        }
    }

    [Theory]
    [InlineData("a shape", CaptionClass.OneObject)]
    [InlineData("a large red circle", CaptionClass.OneObject)]
    [InlineData("a red circle and a square", CaptionClass.TwoObjects)]
    [InlineData("a star, a cross and a shape", CaptionClass.TwoObjects)]
    [InlineData("two shapes", CaptionClass.Counts)]
    [InlineData("a star and two shapes", CaptionClass.Counts)]
    [InlineData("two red circles and a square", CaptionClass.Counts)]
    [InlineData("a shape on a black background", CaptionClass.Backgrounds)]
    [InlineData("two red circles on a dotted background", CaptionClass.Backgrounds)]
    public void Classify_FollowsTheDocumentedRule(string caption, CaptionClass expected) =>
        Assert.Equal(expected, CaptionClassInfo.Classify(caption));
}

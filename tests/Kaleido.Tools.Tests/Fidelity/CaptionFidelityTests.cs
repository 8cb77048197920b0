using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Fidelity;

namespace Kaleido.Tools.Tests.Fidelity;

/// <summary>Known answers: the dataset's own ground truth is faithful; each kind of edit of it gives its reason.</summary>
public sealed class CaptionFidelityTests
{
    static readonly VokenLatents AnyVokens = new([0]);

    static IEnumerable<DatasetGenerator.ImageRecord> Records(ulong seed, int count) =>
        Enumerable.Range(0, count).Select(i => DatasetGenerator.CreateImage(seed, i, 32, $"images/{i}.png").Record);

    [Fact]
    public void GroundTruthLatents_AreFaithfulToTheirOwnCaption_InEveryKind()
    {
        int images = 0, withBackground = 0, counted = 0;
        foreach (DatasetGenerator.ImageRecord record in Records(7, 300))
        {
            images++;
            CaptionFacts facts = CaptionFacts.Parse(record.Caption);
            if (facts.NamesBackground) withBackground++;
            if (facts.Groups.Any(g => g.Count > 1)) counted++;
            foreach (DiscreteLatents latents in new DiscreteLatents[] { record.Bbox, record.Blob, record.Text, new CombinedLatents(record.Text, record.Bbox, AnyVokens) })
            {
                FidelityVerdict verdict = CaptionFidelity.Judge(record.Caption, latents);
                Assert.True(verdict.Faithful, $"'{record.Caption}' vs {latents.Kind.ToName()} '{latents.ToText()}': {string.Join("; ", verdict.Problems)}");
            }
        }
        Assert.Equal(300, images);
        Assert.True(withBackground > 20 && counted > 20, $"backgrounds {withBackground}, counts {counted}: the sample covers the classes");
    }

    [Fact]
    public void LatentFacts_ReadEveryAttribute_FromPhrasesTailAndText()
    {
        foreach (DatasetGenerator.ImageRecord record in Records(11, 100))
        {
            Scene scene = record.Scene;
            foreach (LatentFacts facts in new[] { LatentFacts.From(record.Bbox)!, LatentFacts.From(record.Text)! })
            {
                Assert.Equal(scene.Background.Name, facts.BackgroundColor);
                Assert.Equal(scene.Style, facts.BackgroundStyle);
                Assert.Equal(scene.Objects.Select(o => (o.Size, o.Color.Name, o.Shape)),
                    facts.Objects.Select(o => (o.Size!.Value, o.Color!, o.Shape!.Value)));
            }
        }
        Assert.Null(LatentFacts.From(AnyVokens));
    }

    static BboxLatents Boxes(string tail, params string[] phrases) =>
        new(phrases.Select((p, i) => new GroundedBox(p, new BoundingBox(100 * i, 0, 100 * i + 90, 90))), tail);

    const string White = " on a white background with stripes.";

    [Fact]
    public void SwappedColours_OfTwoObjects_AreAColourBindingProblem()
    {
        var faithful = Boxes(White, "medium red circle", "small blue square");
        var swapped = Boxes(White, "medium blue circle", "small red square");
        Assert.True(CaptionFidelity.Judge("a red circle and a blue square", faithful).Faithful);
        FidelityVerdict verdict = CaptionFidelity.Judge("a red circle and a blue square", swapped);
        Assert.False(verdict.Faithful);
        Assert.Equal(FidelityReason.ColourBinding, verdict.Reason);
        Assert.All(verdict.Problems, p => Assert.Equal(FidelityReason.ColourBinding, p.Reason));
        Assert.Equal(2, verdict.Problems.Count);
        // Words the caption dropped constrain nothing: without colours the swap is faithful.
        Assert.True(CaptionFidelity.Judge("a circle and a square", swapped).Faithful);
        Assert.True(CaptionFidelity.Judge("a red shape and a blue shape", swapped).Faithful);
    }

    [Fact]
    public void SwappedColours_OnGroundTruth_OfEveryTwoObjectCaptionNamingBothColours_AreColourBinding()
    {
        int checkedCaptions = 0;
        foreach (DatasetGenerator.ImageRecord record in Records(7, 3000))
        {
            CaptionFacts facts = CaptionFacts.Parse(record.Caption);
            // Two groups of one object, both with a colour and a shape, colours different, shapes different.
            if (facts.Groups.Count != 2 || facts.Groups.Any(g => g.Count != 1 || g.Color is null || g.Shape is null)) continue;
            if (facts.Groups[0].Color == facts.Groups[1].Color || facts.Groups[0].Shape == facts.Groups[1].Shape) continue;
            var phrases = record.Bbox.Phrases;
            string Swap(string phrase) => phrase.Replace(facts.Groups[0].Color!, "#").Replace(facts.Groups[1].Color!, facts.Groups[0].Color!).Replace("#", facts.Groups[1].Color!);
            var swapped = new BboxLatents(phrases.Select(p => new GroundedBox(Swap(p.Phrase), p.Box)), record.Bbox.Tail);
            FidelityVerdict verdict = CaptionFidelity.Judge(record.Caption, swapped);
            Assert.False(verdict.Faithful, record.Caption);
            Assert.Equal(FidelityReason.ColourBinding, verdict.Reason);
            checkedCaptions++;
        }
        Assert.True(checkedCaptions >= 5, $"only {checkedCaptions} captions name two colours and two shapes");
    }

    [Fact]
    public void DroppedObject_IsMissing()
    {
        foreach (DatasetGenerator.ImageRecord record in Records(7, 200).Where(r => r.Bbox.Phrases.Count >= 2))
        {
            var dropped = new BboxLatents(record.Bbox.Phrases.Skip(1), record.Bbox.Tail);
            FidelityVerdict verdict = CaptionFidelity.Judge(record.Caption, dropped);
            Assert.False(verdict.Faithful, record.Caption);
            Assert.Equal(FidelityReason.MissingObject, verdict.Reason);
        }
        Assert.Equal(FidelityReason.MissingObject, CaptionFidelity.Judge("two red circles", Boxes(White, "small red circle")).Reason);
    }

    [Fact]
    public void ChangedBackground_IsWrongBackground_OnlyWhenTheCaptionNamesIt()
    {
        int named = 0;
        foreach (DatasetGenerator.ImageRecord record in Records(7, 300))
        {
            Scene scene = record.Scene;
            NamedColor other = Palette.BackgroundColors.First(c => c != scene.Background);
            var changed = new BboxLatents(record.Bbox.Phrases, record.Bbox.Tail.Replace(scene.Background.Name, other.Name));
            CaptionFacts facts = CaptionFacts.Parse(record.Caption);
            FidelityVerdict verdict = CaptionFidelity.Judge(record.Caption, changed);
            if (facts.BackgroundColor is not null)
            {
                named++;
                Assert.Equal(FidelityReason.WrongBackground, verdict.Reason);
                Assert.Single(verdict.Problems);
            }
            else
            {
                Assert.True(verdict.Faithful, record.Caption);
            }
        }
        Assert.True(named >= 10, $"only {named} captions name the background colour");
        Assert.Equal(FidelityReason.WrongBackground, CaptionFidelity.Judge("a shape on a dotted background", Boxes(White, "small red circle")).Reason);
        Assert.True(CaptionFidelity.Judge("a shape on a white striped background", Boxes(White, "small red circle")).Faithful);
        Assert.Equal(FidelityReason.WrongBackground, CaptionFidelity.Judge("a shape on a white background", Boxes(".", "small red circle")).Reason);
    }

    [Theory]
    [InlineData("a red circle", new[] { "small red circle", "large blue star" }, FidelityReason.ExtraObject)]
    [InlineData("a red circle", new[] { "small red circle", "large red circle" }, FidelityReason.ExtraObject)]
    [InlineData("two red circles and a square", new[] { "small red circle", "small blue circle", "large blue square" }, FidelityReason.WrongCount)]
    [InlineData("two red circles and a shape", new[] { "small red circle", "small red circle", "large red circle" }, null)]
    [InlineData("a red circle", new[] { "small red square" }, FidelityReason.MissingShape)]
    [InlineData("a red circle", new[] { "small blue circle" }, FidelityReason.MissingColour)]
    [InlineData("a large circle and a small square", new[] { "small red circle", "large red square" }, FidelityReason.SizeBinding)]
    [InlineData("a large circle", new[] { "small red circle" }, FidelityReason.MissingSize)]
    [InlineData("a large triangle and a green shape", new[] { "large green triangle", "small orange circle" }, FidelityReason.ColourBinding)]
    [InlineData("a purple square, a green star and a star", new[] { "small purple square", "small green star", "small red circle" }, FidelityReason.WrongCount)]
    [InlineData("a large triangle and a green shape", new[] { "medium green triangle", "large yellow cross" }, FidelityReason.SizeBinding)]
    [InlineData("three shapes", new[] { "a", "b", "c" }, null)]
    [InlineData("a shape", new[] { "red thing" }, null)]
    public void Reasons_OnHandMadeLatents(string caption, string[] phrases, FidelityReason? expected)
    {
        FidelityVerdict verdict = CaptionFidelity.Judge(caption, Boxes(White, phrases));
        Assert.Equal(expected, verdict.Reason);
    }

    [Fact]
    public void TextLatents_AreReadWhenThereAreNoBoxes()
    {
        var text = new TextLatents("Two shapes: a large red circle at the top left and a small blue star on the right, on a plain black background.");
        Assert.True(CaptionFidelity.Judge("a red circle and a small star on a black plain background", text).Faithful);
        Assert.Equal(FidelityReason.ColourBinding, CaptionFidelity.Judge("a blue circle and a star", text).Reason);
    }
}

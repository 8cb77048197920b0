using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Tests.Latents;
using Kaleido.Runtime.Tests.Text;

namespace Kaleido.Runtime.Tests.Conditioning;

/// <summary>
/// The grounding inputs of region-masked conditioning: object spans from the parser, token spans from the
/// tokenizer, the token → object assignment and the row layout, each against a reference written here.
/// </summary>
public sealed class ObjectGroundingTests
{
    [Fact]
    public void LocateObjectsGivesEachPhraseThroughItsClosingParenthesisWithItsBox()
    {
        const string text = "a red circle (10, 20, 300, 400) and a blue square (500, 0, 1000, 90) on grey.";
        var objects = LatentsParser.LocateObjects(LatentKind.Bbox, text);
        Assert.Equal(
            [("a red circle (10, 20, 300, 400)", new BoundingBox(10, 20, 300, 400)),
             ("and a blue square (500, 0, 1000, 90)", new BoundingBox(500, 0, 1000, 90))],
            objects.Select(o => (text[o.Start..o.End], o.Box)));
    }

    [Fact]
    public void LocateObjectsInCombinedLatentsPointsIntoTheBboxSectionOfTheWholeText()
    {
        const string text = "a (cat) | a cat (1, 2, 3, 4) | <v1>#<v2>";
        var objects = LatentsParser.LocateObjects(LatentKind.Combined, text);
        var only = Assert.Single(objects);
        Assert.Equal(("a cat (1, 2, 3, 4)", new BoundingBox(1, 2, 3, 4)), (text[only.Start..only.End], only.Box));
        Assert.Empty(LatentsParser.LocateObjects(LatentKind.Text, "a cat"));
        Assert.Empty(LatentsParser.LocateObjects(LatentKind.Voken, "<v1>"));
    }

    [Fact]
    public void EverySpanOfRandomLatentsParsesAloneAsThatPhraseAndRegion()
    {
        var random = new RandomLatents(4242);
        for (int trial = 0; trial < 300; trial++)
        {
            bool blob = trial % 3 == 1;
            DiscreteLatents latents = (trial % 3) switch { 0 => random.Bbox(), 1 => (DiscreteLatents)random.BlobCaption(), _ => random.Combined() };
            string text = latents.ToText();
            var objects = LatentsParser.LocateObjects(latents.Kind, text);
            var expected = latents switch
            {
                BboxLatents b => b.Phrases.Select(p => (p.Phrase, p.Box)).ToArray(),
                BlobLatents b => b.Phrases.Select(p => (p.Phrase, p.Blob.BoundingBox())).ToArray(),
                CombinedLatents c => c.Bbox.Phrases.Select(p => (p.Phrase, p.Box)).ToArray(),
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(expected.Select(e => e.Item2), objects.Select(o => o.Box));
            for (int m = 0; m < objects.Count; m++)
            {
                string alone = text[objects[m].Start..objects[m].End];
                Assert.EndsWith(")", alone);
                string phrase = blob
                    ? Assert.Single(LatentsParser.ParseBlob(alone).Phrases).Phrase
                    : Assert.Single(LatentsParser.ParseBbox(alone).Phrases).Phrase;
                Assert.Equal(expected[m].Phrase, phrase);
                if (m > 0)
                    Assert.True(objects[m].Start >= objects[m - 1].End, "spans do not overlap and keep the latents' order");
            }
        }
    }

    [Fact]
    public void BlobBoundingBoxHoldsEveryPointOfTheEllipseAndTouchesItsExtremes()
    {
        var random = new RandomLatents(77);
        for (int trial = 0; trial < 500; trial++)
        {
            ObjectBlob blob = random.Blob();
            BoundingBox box = blob.BoundingBox();
            double theta = blob.ThetaDegrees * Math.PI / 180;
            double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
            for (int i = 0; i < 3600; i++)
            {
                double phi = i * Math.PI / 1800;
                double ex = blob.RadiusMajor * Math.Cos(phi), ey = blob.RadiusMinor * Math.Sin(phi);
                double x = blob.CenterX + ex * Math.Cos(theta) - ey * Math.Sin(theta);
                double y = blob.CenterY + ex * Math.Sin(theta) + ey * Math.Cos(theta);
                (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            }
            static double Clip(double v) => Math.Clamp(v, 0, 1000);
            Assert.InRange(box.X1, Clip(minX) - 1.01, Clip(minX) + 1e-6);
            Assert.InRange(box.Y1, Clip(minY) - 1.01, Clip(minY) + 1e-6);
            Assert.InRange(box.X2, Clip(maxX) - 1e-6, Clip(maxX) + 1.01);
            Assert.InRange(box.Y2, Clip(maxY) - 1e-6, Clip(maxY) + 1.01);
        }
    }

    [Fact]
    public void TokenSpansTileTheTextAndTheIdsAreEncodes()
    {
        using var folder = new TokenizerFolder();
        var tokenizer = folder.Load();
        var random = new RandomLatents(9);
        for (int trial = 0; trial < 200; trial++)
        {
            string text = random.Of(random.Kind()).ToText();
            var (ids, spans) = tokenizer.EncodeWithSpans(text);
            Assert.Equal(tokenizer.Encode(text), ids);
            int position = 0;
            foreach (var (start, end) in spans)
            {
                Assert.True(start <= position && end > start, $"span [{start}, {end}) after {position} in '{text}'");
                position = Math.Max(position, end);
            }
            Assert.Equal(text.Length, position);
            Assert.Equal(0, spans[0].Start);
        }
    }

    [Fact]
    public void ATokenBelongsToTheOneObjectItsCharactersOverlapAndOtherwiseIsGlobal()
    {
        using var folder = new TokenizerFolder();
        var tokenizer = folder.Load();
        var random = new RandomLatents(31);
        for (int trial = 0; trial < 200; trial++)
        {
            DiscreteLatents latents = trial % 2 == 0 ? random.Combined() : random.Bbox();
            string text = latents.ToText();
            var grounding = ObjectGrounding.Locate(latents, tokenizer);
            var objects = LatentsParser.LocateObjects(latents.Kind, text);
            var (_, spans) = tokenizer.EncodeWithSpans(text);
            Assert.Equal(tokenizer.Encode(text), grounding.LatentTokens);
            Assert.Equal(objects.Select(o => o.Box), grounding.Boxes);
            for (int i = 0; i < spans.Length; i++)
            {
                // Reference: the objects whose [Start, End) shares a character with the token's span.
                var overlapping = Enumerable.Range(0, objects.Count)
                    .Where(m => Enumerable.Range(spans[i].Start, spans[i].End - spans[i].Start).Any(c => c >= objects[m].Start && c < objects[m].End))
                    .ToArray();
                int expected = overlapping.Length == 1 ? overlapping[0] : ObjectGrounding.Global;
                Assert.Equal(expected, grounding.TokenObjects[i]);
            }
            Assert.Contains(grounding.TokenObjects, o => o >= 0); // every object has a phrase longer than any token here
        }
    }

    [Fact]
    public void WriteRowPutsTheLatentTokensAfterTheCaptionAndTheStartToken()
    {
        using var folder = new TokenizerFolder();
        var latents = LatentsParser.ParseBbox("a circle (1, 2, 3, 4) b (5, 6, 7, 8).");
        var grounding = ObjectGrounding.Locate(latents, folder.Load());
        const int captionLength = 5, maxObjects = 3;
        int rowLength = captionLength + 1 + grounding.TokenObjects.Count + 4;
        var tokenObjects = new long[rowLength];
        var regions = new float[maxObjects * 4];
        regions.AsSpan().Fill(9);
        ObjectGrounding.WriteRow(grounding, captionLength, maxObjects, tokenObjects, regions);

        long[] expected = [.. Enumerable.Repeat(-1L, captionLength + 1), .. grounding.TokenObjects.Select(o => (long)o), -1, -1, -1, -1];
        Assert.Equal(expected, tokenObjects);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0], regions);

        ObjectGrounding.WriteRow(null, captionLength, maxObjects, tokenObjects, regions);
        Assert.All(tokenObjects, o => Assert.Equal(-1, o));
        Assert.All(regions, r => Assert.Equal(0, r));

        var error = Assert.Throws<UserInputException>(() =>
            ObjectGrounding.WriteRow(grounding, captionLength, maxObjects: 1, tokenObjects, new float[4]));
        Assert.Contains("place 2 objects", error.Message);
        Assert.Contains("at most 1", error.Message);
    }
}

using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>Random valid structures of every kind round-trip exactly through the canonical text.</summary>
public class LatentsRoundTripTests
{
    [Theory]
    [InlineData(LatentKind.Text)]
    [InlineData(LatentKind.Bbox)]
    [InlineData(LatentKind.Blob)]
    [InlineData(LatentKind.Voken)]
    [InlineData(LatentKind.Combined)]
    public void Random_structures_round_trip_through_text(LatentKind kind)
    {
        var random = new RandomLatents(seed: 1000 + (int)kind);
        for (int i = 0; i < 2000; i++)
        {
            DiscreteLatents structure = random.Of(kind);
            string expectedText = ReferenceText.Of(structure);

            // structure -> text: the formatter writes what the grammar says.
            string text = structure.ToText();
            Assert.Equal(expectedText, text);

            // text -> structure: exactly the structure we started from.
            DiscreteLatents parsed = LatentsParser.Parse(kind, text);
            Assert.Equal(structure, parsed);

            // canonical text -> structure -> text: the same characters.
            Assert.Equal(text, parsed.ToText());
        }
    }

    [Fact]
    public void Structures_with_different_content_are_not_equal()
    {
        var random = new RandomLatents(seed: 7);
        for (int i = 0; i < 500; i++)
        {
            LatentKind kind = random.Kind();
            DiscreteLatents a = random.Of(kind);
            DiscreteLatents b = random.Of(kind);
            // Equality of structures must agree with equality of their (independent) texts.
            Assert.Equal(ReferenceText.Of(a) == ReferenceText.Of(b), a.Equals(b));
        }
    }

    [Fact]
    public void Long_inputs_parse_in_one_pass()
    {
        // 20,000 grounded phrases and 100,000 codes: a quadratic parser would not finish this test suite.
        string bbox = string.Concat(Enumerable.Repeat(@"a \(dog) (1, 2, 3, 4) ", 20_000)) + "end";
        BboxLatents parsed = LatentsParser.ParseBbox(bbox);
        Assert.Equal(20_000, parsed.Phrases.Count);
        Assert.Equal(" end", parsed.Tail);

        string vokens = string.Join("#", Enumerable.Range(0, 100_000).Select(i => $"<v{i}>"));
        Assert.Equal(100_000, LatentsParser.ParseVoken(vokens).Codes.Count);

        // 1,000,000 escapes with no box: the scan for '(' never restarts.
        string escapes = string.Concat(Enumerable.Repeat(@"\(", 500_000));
        var error = Assert.Throws<LatentsFormatException>(() => LatentsParser.ParseBbox(escapes));
        Assert.Equal(escapes.Length, error.Position);
    }
}

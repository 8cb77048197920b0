using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>The paper's own latent strings (Appendix A, B.3) and hand-built structures, both ways.</summary>
public class LatentsGoldenTests
{
    const string PaperBbox =
        "Dog (1, 33, 995, 995) resting head on owner's lap (1, 630, 785, 998) while they work on a laptop (39, 336, 999, 972).";

    static readonly BboxLatents PaperBboxStructure = new(
        [
            new GroundedBox("Dog", new BoundingBox(1, 33, 995, 995)),
            new GroundedBox("resting head on owner's lap", new BoundingBox(1, 630, 785, 998)),
            new GroundedBox("while they work on a laptop", new BoundingBox(39, 336, 999, 972)),
        ],
        ".");

    const string BlobText = "A cat (500, 480, 300, 120, 35) on a mat (500, 850, 480, 90, 0).";

    static readonly BlobLatents BlobStructure = new(
        [
            new GroundedBlob("A cat", new ObjectBlob(500, 480, 300, 120, 35)),
            new GroundedBlob("on a mat", new ObjectBlob(500, 850, 480, 90, 0)),
        ],
        ".");

    const string Description = "A small brown dog rests its head on its owner's lap, while the owner types on a silver laptop.";

    // Appendix A writes visual tokens I_1#I_2#...#I_32; ours are <vN>, here 32 codes 1..32.
    static readonly string ThirtyTwoVokens = string.Join("#", Enumerable.Range(1, 32).Select(i => $"<v{i}>"));

    [Fact]
    public void Paper_bbox_caption_parses_to_its_phrases_and_boxes()
    {
        Assert.Equal(PaperBboxStructure, LatentsParser.ParseBbox(PaperBbox));
    }

    [Fact]
    public void Paper_bbox_structure_formats_to_the_paper_string()
    {
        Assert.Equal(PaperBbox, PaperBboxStructure.ToText());
    }

    [Fact]
    public void Blob_caption_round_trips_both_ways()
    {
        Assert.Equal(BlobStructure, LatentsParser.ParseBlob(BlobText));
        Assert.Equal(BlobText, BlobStructure.ToText());
    }

    [Fact]
    public void Thirty_two_vokens_round_trip_both_ways()
    {
        var structure = new VokenLatents(Enumerable.Range(1, 32));
        Assert.Equal(structure, LatentsParser.ParseVoken(ThirtyTwoVokens, new VokenConstraints(expectedCount: 32)));
        Assert.Equal(ThirtyTwoVokens, structure.ToText());
        Assert.Equal("<v12>#<v7>#<v301>", new VokenLatents([12, 7, 301]).ToText());
    }

    [Fact]
    public void Combined_is_text_bbox_voken_separated_by_space_pipe_space()
    {
        var structure = new CombinedLatents(new TextLatents(Description), PaperBboxStructure, new VokenLatents(Enumerable.Range(1, 32)));
        string text = Description + " | " + PaperBbox + " | " + ThirtyTwoVokens;

        Assert.Equal(text, structure.ToText());
        Assert.Equal(structure, LatentsParser.ParseCombined(text));
        Assert.Equal(structure, LatentsParser.Parse(LatentKind.Combined, text));
    }

    [Fact]
    public void Tail_starting_with_a_letter_is_kept_with_its_leading_space()
    {
        const string text = "Dog (1, 33, 995, 995) on a desk (39, 336, 999, 972) in a room.";
        var structure = new BboxLatents(
            [
                new GroundedBox("Dog", new BoundingBox(1, 33, 995, 995)),
                new GroundedBox("on a desk", new BoundingBox(39, 336, 999, 972)),
            ],
            " in a room.");

        Assert.Equal(structure, LatentsParser.ParseBbox(text));
        Assert.Equal(text, structure.ToText());
    }

    [Fact]
    public void Empty_tail_ends_the_text_at_the_last_box()
    {
        var structure = new BboxLatents([new GroundedBox("Dog", new BoundingBox(0, 0, 1000, 1000))], "");
        Assert.Equal("Dog (0, 0, 1000, 1000)", structure.ToText());
        Assert.Equal(structure, LatentsParser.ParseBbox("Dog (0, 0, 1000, 1000)"));
    }

    [Fact]
    public void Escaped_characters_in_free_text_round_trip()
    {
        // Phrase a\b|c(d#e) and tail " (f)": the escapes are \\ \| \( \#, and ')' stays as it is.
        var structure = new BboxLatents([new GroundedBox(@"a\b|c(d#e)", new BoundingBox(1, 2, 3, 4))], " (f)");
        const string text = @"a\\b\|c\(d\#e) (1, 2, 3, 4) \(f)";

        Assert.Equal(text, structure.ToText());
        Assert.Equal(structure, LatentsParser.ParseBbox(text));
        Assert.Equal(@"x \(y) \| \# \\", new TextLatents(@"x (y) | # \").ToText());
        Assert.Equal(new TextLatents(@"x (y) | # \"), LatentsParser.ParseText(@"x \(y) \| \# \\"));
    }

    [Fact]
    public void Whitespace_variations_are_read_and_written_canonically()
    {
        const string loose = "Dog(  1,33 ,\t995,995 )   resting head\n(1,630,785,998).";
        var parsed = LatentsParser.ParseBbox(loose);

        Assert.Equal(
            new BboxLatents(
                [
                    new GroundedBox("Dog", new BoundingBox(1, 33, 995, 995)),
                    new GroundedBox("resting head", new BoundingBox(1, 630, 785, 998)),
                ],
                "."),
            parsed);
        Assert.Equal("Dog (1, 33, 995, 995) resting head (1, 630, 785, 998).", parsed.ToText());
    }

    [Fact]
    public void Combined_text_section_may_end_with_spaces_and_contain_escaped_pipes()
    {
        var structure = new CombinedLatents(
            new TextLatents("a | b  "),
            new BboxLatents([new GroundedBox("c", new BoundingBox(1, 2, 3, 4))], ""),
            new VokenLatents([0]));
        const string text = @"a \| b   | c (1, 2, 3, 4) | <v0>";

        Assert.Equal(text, structure.ToText());
        Assert.Equal(structure, LatentsParser.ParseCombined(text));
    }

    [Fact]
    public void Kind_names_are_exact_lower_case()
    {
        foreach (LatentKind kind in Enum.GetValues<LatentKind>())
        {
            Assert.True(LatentKindNames.TryParse(kind.ToName(), out LatentKind back));
            Assert.Equal(kind, back);
        }
        Assert.Equal(["text", "bbox", "blob", "voken", "combined"], LatentKindNames.All);
        Assert.False(LatentKindNames.TryParse("BBOX", out _));
        Assert.False(LatentKindNames.TryParse(null, out _));
    }

    [Fact]
    public void Invalid_structures_are_refused_when_built()
    {
        Assert.Throws<ArgumentException>(() => new BoundingBox(5, 0, 4, 0));
        Assert.Throws<ArgumentException>(() => new BoundingBox(0, 0, 1001, 0));
        Assert.Throws<ArgumentException>(() => new ObjectBlob(0, 0, 10, 11, 0));
        Assert.Throws<ArgumentException>(() => new ObjectBlob(0, 0, 10, 1, 180));
        Assert.Throws<ArgumentException>(() => new GroundedBox(" dog", default));
        Assert.Throws<ArgumentException>(() => new GroundedBox("", default));
        Assert.Throws<ArgumentException>(() => new BboxLatents([], "."));
        Assert.Throws<ArgumentException>(() => new VokenLatents([]));
        Assert.Throws<ArgumentException>(() => new VokenLatents([-1]));
        Assert.Throws<ArgumentException>(() => new TextLatents(""));
        Assert.Throws<ArgumentException>(() => new TextLatents("a\ud800"));
        Assert.Throws<ArgumentException>(() => new GroundedBox("a\udc00b", default));
        Assert.Throws<ArgumentException>(() => new BboxLatents([new GroundedBox("a", default)], "\ud800"));
    }

    [Fact]
    public void Voken_constraints_check_structures()
    {
        var constraints = new VokenConstraints(expectedCount: 2, codebookSize: 10);
        constraints.Check(new VokenLatents([0, 9]));
        var wrongCount = Assert.Throws<LatentsFormatException>(() => constraints.Check(new VokenLatents([1])));
        Assert.Contains("expected 2 visual codes but found 1", wrongCount.Message);
        var tooBig = Assert.Throws<LatentsFormatException>(() => constraints.Check(new VokenLatents([1, 10])));
        Assert.Contains("visual code number 2 of 2 is 10; expected a code from 0 to 9 (the codebook size is 10)", tooBig.Message);
    }
}

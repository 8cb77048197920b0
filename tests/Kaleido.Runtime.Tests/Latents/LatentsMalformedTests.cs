using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>A catalogue of mistakes a person makes when editing latents, each with where and what.</summary>
public class LatentsMalformedTests
{
    public static TheoryData<LatentKind, string, int, string> Catalogue => new()
    {
        // bbox
        { LatentKind.Bbox, "Dog (1a, 33, 995, 995).", 6, "bbox latents, position 6: expected ',' after x1 but found 'a'" },
        { LatentKind.Bbox, "Dog (1, 33, 995).", 15, "expected ',' after x2 but found ')'" },
        { LatentKind.Bbox, "Dog (1, 33, 995, 995", 20, "expected ')' closing the bounding box after y2 but found end of text" },
        { LatentKind.Bbox, "Dog (1, 33, 1001, 995).", 12, "expected x2 in [0, 1000] but found '1001'" },
        { LatentKind.Bbox, "Dog (500, 33, 3, 995).", 14, "expected x2 >= x1 (500) but found 3" },
        { LatentKind.Bbox, "Dog (5, 33, 9, 7).", 15, "expected y2 >= y1 (33) but found 7" },
        { LatentKind.Bbox, "Dog (01, 33, 995, 995).", 5, "expected x1 without leading zeros but found '01'" },
        { LatentKind.Bbox, "Dog (-1, 33, 995, 995).", 5, "expected x1 (an integer in [0, 1000]) but found '-'" },
        { LatentKind.Bbox, "Dog (1" + new string('0', 100) + ", 33, 995, 995).", 5, "expected x1 in [0, 1000] but found '1000000" },
        { LatentKind.Bbox, "Dog (1.5, 33, 995, 995).", 6, "expected ',' after x1 but found '.'" },
        { LatentKind.Bbox, "Dog (１, 33, 995, 995).", 5, "expected x1 (an integer in [0, 1000]) but found '１'" },
        { LatentKind.Bbox, "(1, 2, 3, 4) dog", 0, "expected a phrase before the bounding box but found '('" },
        { LatentKind.Bbox, "Dog (1, 2, 3, 4)   (5, 6, 7, 8)", 19, "expected a phrase before the bounding box" },
        { LatentKind.Bbox, "a dog on a mat.", 15, "expected '(' starting the bounding box of the first phrase but found end of text" },
        { LatentKind.Bbox, "", 0, "expected '(' starting the bounding box of the first phrase but found end of text" },
        { LatentKind.Bbox, "a | dog (1, 2, 3, 4)", 2, "found an unescaped '|' (write '\\|' for a literal '|')" },
        { LatentKind.Bbox, @"a \x dog (1, 2, 3, 4)", 3, "expected '\\', '|', '(' or '#' after the escape character '\\' but found 'x'" },
        { LatentKind.Bbox, "Dog (1, 2, 3, 4) # x", 17, "found an unescaped '#'" },
        { LatentKind.Bbox, @"Dog \ (1, 2, 3, 4)", 5, "after the escape character '\\' but found ' ' (space)" },
        { LatentKind.Bbox, @"Dog (1, 2, 3, 4)\", 17, "after the escape character '\\' but found end of text" },
        { LatentKind.Bbox, "Dog (1, 2, 3, 4", 15, "expected ')' closing the bounding box after y2 but found end of text" },
        { LatentKind.Bbox, "Dog (1, 2, 3, 4, 5)", 15, "expected ')' closing the bounding box after y2 but found ','" },
        // blob
        { LatentKind.Blob, "A cat (500, 480, 120, 300, 35).", 22, "blob latents, position 22: expected r_minor <= r_major (120) but found 300" },
        { LatentKind.Blob, "A cat (500, 480, 300, 120, 180).", 27, "expected theta in [0, 180) but found '180'" },
        { LatentKind.Blob, "A cat (500, 480, 300, 120).", 25, "expected ',' after r_minor but found ')'" },
        { LatentKind.Blob, "A cat (500, 480, 300, 120, 35", 29, "expected ')' closing the blob after theta but found end of text" },
        { LatentKind.Blob, "A cat", 5, "expected '(' starting the blob of the first phrase" },
        // voken
        { LatentKind.Voken, "<v1>#<v2>#", 10, "voken latents, position 10: expected '<v' starting visual code 2 but found end of text" },
        { LatentKind.Voken, "<v1># <v2>", 5, "expected '<v' starting visual code 1 but found ' ' (space)" },
        { LatentKind.Voken, "<v01>", 2, "expected a visual code without leading zeros but found '01'" },
        { LatentKind.Voken, "<v99999999999999999999>", 2, "expected a visual code in [0, 2147483647] but found '99999999999999999999'" },
        { LatentKind.Voken, "<v2147483648>", 2, "expected a visual code in [0, 2147483647]" },
        { LatentKind.Voken, "<w1>", 1, "expected 'v' after '<' but found 'w'" },
        { LatentKind.Voken, "<v1>,<v2>", 4, "expected '#' between visual codes but found ','" },
        { LatentKind.Voken, "", 0, "expected '<v' starting visual code 0 but found end of text" },
        { LatentKind.Voken, "<v1", 3, "expected '>' closing the visual code but found end of text" },
        { LatentKind.Voken, "<v>", 2, "expected a visual code (an integer in [0, 2147483647]) but found '>'" },
        { LatentKind.Voken, " <v1>", 0, "expected '<v' starting visual code 0 but found ' ' (space)" },
        { LatentKind.Voken, "<v1>\n", 4, "expected '#' between visual codes but found U+000A" },
        // text
        { LatentKind.Text, "", 0, "text latents, position 0: expected a non-empty description but found end of text" },
        { LatentKind.Text, "a (b)", 2, "found an unescaped '(' (write '\\(' for a literal '(')" },
        { LatentKind.Text, "a # b", 2, "found an unescaped '#'" },
        { LatentKind.Text, @"ends with \", 11, "after the escape character '\\' but found end of text" },
        { LatentKind.Text, @"a \n b", 3, "after the escape character '\\' but found 'n'" },
        // combined
        { LatentKind.Combined, "a | b (1, 2, 3, 4)", 18, "combined latents, position 18: expected ' | ' after the bbox section but found end of text" },
        { LatentKind.Combined, "a b (1, 2, 3, 4) <v1>", 21, "expected ' | ' after the text section but found end of text" },
        { LatentKind.Combined, "a|b (1, 2, 3, 4) | <v1>", 1, "expected ' ' before the section separator '|' but found 'a'" },
        { LatentKind.Combined, "| b (1, 2, 3, 4) | <v1>", 0, "expected ' ' before the section separator '|' but found start of text" },
        { LatentKind.Combined, "a | b (1, 2, 3, 4) |<v1>", 20, "expected ' ' after the section separator '|' but found '<'" },
        { LatentKind.Combined, "a | b (1, 2, 3, 4) | <v1> | x", 26, "expected exactly three sections 'text | bbox | voken' but found a third '|'" },
        { LatentKind.Combined, "a | b (1, 2, 3, 4) | <v1>#", 26, "combined latents, voken section, position 26: expected '<v' starting visual code 1 but found end of text" },
        { LatentKind.Combined, "a | b (1a, 2, 3, 4) | <v1>", 8, "combined latents, bbox section, position 8: expected ',' after x1 but found 'a'" },
        { LatentKind.Combined, "a | b | <v1>", 5, "combined latents, bbox section, position 5: expected '(' starting the bounding box of the first phrase but found ' | ' (end of the section)" },
        { LatentKind.Combined, "a | | <v1>", 4, "expected the bbox section between the two ' | ' separators but found '|'" },
        { LatentKind.Combined, " | b (1, 2, 3, 4) | <v1>", 0, "combined latents, text section, position 0: expected a non-empty description" },
        { LatentKind.Combined, "a (x) | b (1, 2, 3, 4) | <v1>", 2, "combined latents, text section, position 2: expected free text but found an unescaped '('" },
        { LatentKind.Combined, "a | b (1, 2, 3, 4) | ", 21, "combined latents, voken section, position 21: expected '<v' starting visual code 0 but found end of text" },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Malformed_latents_name_kind_position_and_expectation(LatentKind kind, string text, int position, string fragment)
    {
        var error = Assert.Throws<LatentsFormatException>(() => LatentsParser.Parse(kind, text));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message);
        Assert.Contains($"position {position}:", error.Message);
    }

    public static TheoryData<string, int, int?, int, string> VokenConstraintCases => new()
    {
        { "<v1>#<v2>", 3, null, 9, "expected 3 visual codes but found 2" },
        { "<v1>#<v2>#<v3>", 2, null, 9, "expected exactly 2 visual codes but found more" },
        { "<v1>#<v100>", 0, 100, 7, "expected a visual code below the codebook size 100 but found 100" },
    };

    [Theory]
    [MemberData(nameof(VokenConstraintCases))]
    public void Voken_constraints_are_checked_while_parsing(string text, int expectedCount, int? codebookSize, int position, string fragment)
    {
        var constraints = new VokenConstraints(expectedCount == 0 ? null : expectedCount, codebookSize);
        var error = Assert.Throws<LatentsFormatException>(() => LatentsParser.ParseVoken(text, constraints));
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message);

        // The same constraint applies to the voken section of combined latents, at the shifted position.
        const string prefix = "t | p (1, 2, 3, 4) | ";
        var combined = Assert.Throws<LatentsFormatException>(() => LatentsParser.ParseCombined(prefix + text, constraints));
        Assert.Equal(position + prefix.Length, combined.Position);
        Assert.Contains(fragment, combined.Message);
    }

    [Fact]
    public void Unpaired_surrogates_in_free_text_are_refused()
    {
        // Not in the theory catalogue: xunit would replace lone surrogates in theory data by U+FFFD.
        (LatentKind Kind, string Text, int Position, string Fragment)[] cases =
        [
            (LatentKind.Text, "a \ud800 b", 2, "expected valid UTF-16 text but found an unpaired surrogate U+D800"),
            (LatentKind.Text, "a \udc00\ud800", 2, "unpaired surrogate U+DC00"),
            (LatentKind.Text, "a \ud800", 2, "unpaired surrogate U+D800"),
            (LatentKind.Bbox, "a\ud83d (1, 2, 3, 4)", 1, "unpaired surrogate U+D83D"),
        ];
        foreach (var (kind, text, position, fragment) in cases)
        {
            var error = Assert.Throws<LatentsFormatException>(() => LatentsParser.Parse(kind, text));
            Assert.Equal(position, error.Position);
            Assert.Contains(fragment, error.Message);
        }
        Assert.Equal("a\ud83d\udc36", LatentsParser.ParseText("a\ud83d\udc36").Description);
    }

    [Fact]
    public void A_million_digit_number_is_reported_shortened()
    {
        string text = "Dog (" + new string('9', 1_000_000) + ", 1, 2, 3)";
        var error = Assert.Throws<LatentsFormatException>(() => LatentsParser.ParseBbox(text));
        Assert.Equal(5, error.Position);
        Assert.Contains("(1000000 characters)", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
    }
}

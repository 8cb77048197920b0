using System.Text;
using Kaleido.Runtime.Text;
using Kaleido.Tools.Tokenizer;

namespace Kaleido.Tools.Tests.Tokenizer;

public sealed class TokenizerBuilderTests(FixtureTokenizer fixture) : IClassFixture<FixtureTokenizer>
{
    readonly KaleidoTokenizer _tokenizer = fixture.Tokenizer;

    public static TheoryData<string> Golden => new()
    {
        "a red circle and a blue square",
        "Dog (1, 33, 995, 995) resting head on owner's lap (1, 630, 785, 998) while they work on a laptop (39, 336, 999, 972).",
        "A cat (500, 480, 300, 120, 35) on a mat (500, 850, 480, 90, 0).",
        "<v12>#<v7>#<v301>",
        "<v0>#<v255>#<v256>#<v1000>",
        "a red circle and a blue square | A red circle (12, 40, 300, 310) next to a blue square (500, 520, 880, 900). | <v12>#<v7>#<v200>",
        @"a sign reading A\|B, a tag \#1 and a note \(draft\) in C:\\shapes",
        @"\\ \| \( \# \\\\ \\| \\#",
        "un cercle rouge à côté d'un carré bleu, 赤い円と青い四角, a star ★, 😀 and e\u0301",
        "  leading, trailing and   inner spaces  ",
        "tabs\tand\nnew lines\r\n",
        "<pad> <eos> <start> <unk> are plain text here",
        "",
        "0 1 10 100 1000 0001 -5 3.14",
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Decode_OfEncode_GivesEveryLatentKindBackExactly(string text)
    {
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text, appendEos: true)));
    }

    [Fact]
    public void Decode_OfEncode_GivesRandomStringsBackExactly()
    {
        string[] pool =
        [
            " ", "  ", "\t", "\n", "a", "Z", "circle", " red", "é", "e\u0301", "赤", "😀", "★", "0", "7", "995", "1000",
            "|", " | ", "#", "(", ")", ", ", ".", "\\", @"\|", @"\(", @"\#", @"\\", "<", ">", "v", "<v3>", "<v255>",
            "<v256>", "<eos>", "<pad>", "<start>",
        ];
        var random = new Random(7);
        for (int n = 0; n < 2000; n++)
        {
            var text = new StringBuilder();
            int pieces = random.Next(0, 24);
            for (int p = 0; p < pieces; p++)
            {
                if (random.Next(4) > 0)
                {
                    text.Append(pool[random.Next(pool.Length)]);
                }
                else
                {
                    int scalar;
                    do scalar = random.Next(1, 0x110000); while (scalar is >= 0xD800 and <= 0xDFFF);
                    text.Append(char.ConvertFromUtf32(scalar));
                }
            }
            string s = text.ToString();
            Assert.Equal(s, _tokenizer.Decode(_tokenizer.Encode(s)));
        }
    }

    [Fact]
    public void EveryVisualCode_IsOneToken()
    {
        for (int i = 0; i < FixtureTokenizer.CodebookSize; i++)
            Assert.Equal([KaleidoSpecialTokens.FirstVisualCodeId + i], _tokenizer.Encode($"<v{i}>"));

        // A voken latent is codes and joiners only: 2K-1 tokens for K codes.
        Assert.Equal(5, _tokenizer.Encode("<v12>#<v7>#<v201>").Length);
    }

    [Fact]
    public void SpecialIds_AreAsDocumented_AndDistinct()
    {
        Assert.Equal((0, 1, 2, 3), (_tokenizer.PadId, _tokenizer.EosId, _tokenizer.DecoderStartId, _tokenizer.UnkId));
        Assert.Equal(4, KaleidoSpecialTokens.FirstVisualCodeId);
        Assert.Equal(4 + FixtureTokenizer.CodebookSize, fixture.Descriptor.FirstByteId);
    }

    [Fact]
    public void GrammarSeparatorsAndNumbers_TokenizeCompactly()
    {
        // Learned from the corpus: " |" and " (" are single tokens, so " | " is two.
        Assert.Equal(2, _tokenizer.Encode(" | ").Length);
        Assert.Single(_tokenizer.Encode(" ("));
        // kaleido-v2: a number is spelled with the same tokens whatever precedes it ("(" or a space); the space
        // before it is a token of its own. Each number 0..1000 (up to four digits) is at most three tokens,
        // two on average even with this small corpus.
        int space = _tokenizer.Encode(" ").Single();
        int[] numberLengths = Enumerable.Range(0, 1001).Select(n =>
        {
            int[] alone = _tokenizer.Encode($"{n}");
            Assert.Equal([space, .. alone], _tokenizer.Encode($" {n}"));
            Assert.Equal([.. _tokenizer.Encode("("), .. alone], _tokenizer.Encode($"({n}"));
            return alone.Length;
        }).ToArray();
        Assert.All(numberLengths, length => Assert.InRange(length, 1, 3));
        Assert.True(numberLengths.Average() <= 2.0, $"{numberLengths.Average()} tokens per number on average");
        // Far fewer tokens than bytes for a typical grounded caption.
        string bbox = "A red circle (12, 40, 300, 310) next to a blue square (500, 520, 880, 900).";
        Assert.True(_tokenizer.Encode(bbox).Length * 2 < Encoding.UTF8.GetByteCount(bbox));
    }

    [Fact]
    public void Build_ReachesTheTargetVocabSize_WithConsecutiveRanks()
    {
        Assert.Equal(FixtureTokenizer.VocabSize, fixture.Descriptor.VocabSize);
        Assert.Equal(FixtureTokenizer.VocabSize, _tokenizer.VocabSize);

        // Rank file: the 256 bytes, then merges that each join two earlier tokens.
        string[] lines = File.ReadAllLines(Path.Combine(fixture.Directory, fixture.Descriptor.RankFile));
        Assert.Equal(FixtureTokenizer.VocabSize - 4 - FixtureTokenizer.CodebookSize, lines.Length);
        var earlier = new HashSet<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string[] parts = lines[i].Split(' ');
            Assert.Equal(4 + FixtureTokenizer.CodebookSize + i, int.Parse(parts[1]));
            byte[] bytes = Convert.FromBase64String(parts[0]);
            if (i < 256)
                Assert.Equal([(byte)i], bytes);
            else
                Assert.Contains(Enumerable.Range(1, bytes.Length - 1), cut =>
                    earlier.Contains(Convert.ToHexString(bytes, 0, cut)) && earlier.Contains(Convert.ToHexString(bytes, cut, bytes.Length - cut)));
            Assert.True(earlier.Add(Convert.ToHexString(bytes)), $"token on line {i + 1} repeats");
        }
    }

    [Fact]
    public void Build_Twice_GivesByteIdenticalFiles()
    {
        string again = TempDirectory.Create();
        try
        {
            TokenizerBuilder.Build(FixtureTokenizer.Corpus, new TokenizerBuildOptions(FixtureTokenizer.VocabSize, FixtureTokenizer.CodebookSize), again);

            foreach (string name in new[] { TokenizerDescriptor.FileName, TokenizerDescriptor.DefaultRankFileName })
                Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.Directory, name)), File.ReadAllBytes(Path.Combine(again, name)));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public void Build_StopsEarly_WhenNoPairIsSeenTwice()
    {
        string directory = TempDirectory.Create();
        try
        {
            // Pieces "ab" and " ab": (a,b) is seen twice and merges; (" ", ab) is seen once and does not.
            var descriptor = TokenizerBuilder.Build(["ab ab"], new TokenizerBuildOptions(VocabSize: 5000, CodebookSize: 8), directory);

            Assert.Equal(4 + 8 + 256 + 1, descriptor.VocabSize);
            Assert.Equal([4 + 8 + 256], KaleidoTokenizer.Load(directory).Encode("ab"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(263, 4, "at least 264")]
    [InlineData(5000, -1, "codebook size is -1")]
    public void Build_WithBadOptions_ThrowsNamingTheSetting(int vocabSize, int codebookSize, string expected)
    {
        var error = Assert.Throws<ToolInputException>(() =>
            TokenizerBuilder.Build(["a"], new TokenizerBuildOptions(vocabSize, codebookSize), "unused"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void EncodeFixedLength_PadsWithPadAndMaskZero_AndTooLongNamesTheLimit()
    {
        string caption = "a red circle and a blue square";
        int[] ids = _tokenizer.Encode(caption, appendEos: true);
        var encoding = _tokenizer.EncodeFixedLength(caption, ids.Length + 5);

        Assert.Equal(ids.Concat(Enumerable.Repeat(0, 5)), encoding.Ids);
        Assert.Equal(Enumerable.Repeat(1, ids.Length).Concat(Enumerable.Repeat(0, 5)), encoding.AttentionMask);
        Assert.Equal(caption, _tokenizer.Decode(encoding.Ids));

        var error = Assert.Throws<CaptionTooLongException>(() => _tokenizer.EncodeFixedLength(caption, ids.Length - 1));
        Assert.Contains($"limit of {ids.Length - 1} tokens", error.Message);
    }
}

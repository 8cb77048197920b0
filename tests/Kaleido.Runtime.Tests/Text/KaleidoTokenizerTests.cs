using Kaleido.Runtime.Text;

namespace Kaleido.Runtime.Tests.Text;

public sealed class KaleidoTokenizerTests : IDisposable
{
    readonly TokenizerFolder _folder = new();
    readonly KaleidoTokenizer _tokenizer;

    public KaleidoTokenizerTests() => _tokenizer = _folder.Load();

    public void Dispose() => _folder.Dispose();

    static int B(char c) => TokenizerFolder.ByteId(c);

    static int M(string token) => TokenizerFolder.MergeId(token);

    public static TheoryData<string, int[]> HandComputed => new()
    {
        // Pieces "a", " |", " (", "99", ")": each merged piece is one token, the rest single bytes.
        { "a | (99)", [B('a'), M(" |"), M(" ("), M("99"), B(')')] },
        // " circle" merges ci -> cir -> circ, le, circle, " circle" down to one token.
        { "a circle", [B('a'), M(" circle")] },
        { "circle", [M("circle")] },
        // Visual codes below K are single tokens even when glued to other text; <v16> is past K = 16.
        { "<v3>#<v15>", [4 + 3, B('#'), 4 + 15] },
        { "<v16>", [B('<'), B('v'), B('1'), B('6'), B('>')] },
        // Control token spellings are plain text, never control ids.
        { "<eos>", [B('<'), B('e'), B('o'), B('s'), B('>')] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(HandComputed))]
    public void Encode_GivesHandComputedIds(string text, int[] expected)
    {
        Assert.Equal(expected, _tokenizer.Encode(text));
    }

    [Theory]
    [MemberData(nameof(RoundTripStrings.Golden), MemberType = typeof(RoundTripStrings))]
    public void Decode_OfEncode_GivesTheGoldenStringBack(string text)
    {
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text)));
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text, appendEos: true)));
    }

    [Fact]
    public void Decode_OfEncode_GivesRandomStringsBack_AndNeverControlIds()
    {
        foreach (string text in RoundTripStrings.Random(count: 3000, seed: 20240611))
        {
            int[] ids = _tokenizer.Encode(text);
            Assert.Equal(text, _tokenizer.Decode(ids));
            Assert.All(ids, id => Assert.InRange(id, KaleidoSpecialTokens.FirstVisualCodeId, _tokenizer.VocabSize - 1));
        }
    }

    [Fact]
    public void EveryVisualCode_IsOneToken()
    {
        for (int i = 0; i < TokenizerFolder.CodebookSize; i++)
        {
            string code = $"<v{i}>";
            Assert.Equal([4 + i], _tokenizer.Encode(code));
            Assert.Equal(4 + i, _tokenizer.VisualCodeId(i));
            Assert.Equal(code, _tokenizer.Decode([4 + i]));
        }
    }

    [Fact]
    public void SpecialIds_AreAsDocumented_AndDistinct()
    {
        Assert.Equal(0, _tokenizer.PadId);
        Assert.Equal(1, _tokenizer.EosId);
        Assert.Equal(2, _tokenizer.DecoderStartId);
        Assert.Equal(3, _tokenizer.UnkId);
        int[] specials = [_tokenizer.PadId, _tokenizer.EosId, _tokenizer.DecoderStartId, _tokenizer.UnkId];
        Assert.Equal(specials.Length, specials.Distinct().Count());
        Assert.Equal(4 + TokenizerFolder.CodebookSize + 256 + TokenizerFolder.Merges.Length, _tokenizer.VocabSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.VisualCodeId(TokenizerFolder.CodebookSize));
    }

    [Fact]
    public void Encode_WithEos_AppendsEosOnce()
    {
        Assert.Equal([B('a'), M(" circle"), 1], _tokenizer.Encode("a circle", appendEos: true));
    }

    [Fact]
    public void Decode_StopsAtEos_AndSkipsPadAndStart()
    {
        Assert.Equal("ab", _tokenizer.Decode([2, B('a'), 0, B('b'), 1, B('c'), 0, 0]));
        Assert.Equal("<unk>", _tokenizer.Decode([3]));
    }

    [Fact]
    public void Decode_OutOfRangeId_ThrowsNamingTheIdAndRange()
    {
        int tooBig = _tokenizer.VocabSize;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([B('a'), tooBig]));
        Assert.Contains($"is {tooBig}", error.Message);
        Assert.Contains($"[0, {tooBig})", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([-1]));
    }

    [Fact]
    public void Encode_LoneSurrogate_ThrowsNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => _tokenizer.Encode("ab\uD83Dc"));
        Assert.Contains("index 2", error.Message);
    }

    [Fact]
    public void EncodeFixedLength_PadsWithPad_AndMasksPaddingWithZero()
    {
        var encoding = _tokenizer.EncodeFixedLength("a circle", length: 6);

        Assert.Equal([B('a'), M(" circle"), 1, 0, 0, 0], encoding.Ids);
        Assert.Equal([1, 1, 1, 0, 0, 0], encoding.AttentionMask);
        Assert.Equal(3, encoding.TokenCount);
        Assert.False(encoding.Truncated);
        Assert.Equal("a circle", _tokenizer.Decode(encoding.Ids));
    }

    [Fact]
    public void EncodeFixedLength_ExactFit_HasNoPadding()
    {
        var encoding = _tokenizer.EncodeFixedLength("a circle", length: 2, appendEos: false);

        Assert.Equal([B('a'), M(" circle")], encoding.Ids);
        Assert.Equal([1, 1], encoding.AttentionMask);
    }

    [Fact]
    public void EncodeFixedLength_TooLong_ThrowsNamingTheLimit()
    {
        var error = Assert.Throws<CaptionTooLongException>(() => _tokenizer.EncodeFixedLength("abcd", length: 4));

        Assert.Equal(5, error.TokenCount);
        Assert.Equal(4, error.Limit);
        Assert.Contains("limit of 4 tokens", error.Message);
        Assert.Contains("5 tokens", error.Message);
    }

    [Fact]
    public void EncodeFixedLength_Truncate_KeepsTheFirstTokensAndEndsWithEos()
    {
        var encoding = _tokenizer.EncodeFixedLength("abcd", length: 3, truncate: true);

        Assert.Equal([B('a'), B('b'), 1], encoding.Ids);
        Assert.Equal([1, 1, 1], encoding.AttentionMask);
        Assert.True(encoding.Truncated);
    }
}

using Microsoft.ML.Tokenizers;

namespace Kaleido.Runtime.Text;

/// <summary>
/// The Kaleido tokenizer: byte-level BPE in a tiktoken rank file, loaded with Microsoft.ML.Tokenizers, plus
/// the fixed special tokens of <see cref="KaleidoSpecialTokens"/>. For any well-formed string s,
/// <c>Decode(Encode(s)) == s</c> exactly.
/// </summary>
public sealed class KaleidoTokenizer
{
    readonly TiktokenTokenizer _tokenizer;

    KaleidoTokenizer(TokenizerDescriptor descriptor, TiktokenTokenizer tokenizer)
    {
        Descriptor = descriptor;
        _tokenizer = tokenizer;
    }

    /// <summary>What <c>kaleido-tokenizer.json</c> says about this tokenizer.</summary>
    public TokenizerDescriptor Descriptor { get; }

    /// <summary>Number of ids, special tokens included.</summary>
    public int VocabSize => Descriptor.VocabSize;

    /// <summary>K, the number of visual codes.</summary>
    public int CodebookSize => Descriptor.CodebookSize;

    public int PadId => Descriptor.PadId;
    public int EosId => Descriptor.EosId;
    public int DecoderStartId => Descriptor.DecoderStartId;
    public int UnkId => Descriptor.UnkId;

    /// <summary>The id of visual code <c>&lt;v{index}&gt;</c>.</summary>
    public int VisualCodeId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CodebookSize);
        return Descriptor.FirstVisualCodeId + index;
    }

    /// <summary>Loads a tokenizer folder written by the tokenizer builder (descriptor plus rank file).</summary>
    public static KaleidoTokenizer Load(string directory)
    {
        var descriptor = TokenizerDescriptor.Read(directory);
        string rankPath = Path.Combine(directory, descriptor.RankFile);
        // Validate the ids ourselves: TiktokenTokenizer accepts gaps and collisions silently.
        TiktokenRankFile.Read(rankPath, descriptor.FirstByteId, descriptor.VocabSize - descriptor.FirstByteId);

        var specialTokens = KaleidoSpecialTokens.VisualCodes(descriptor.CodebookSize);
        foreach (var (token, id) in KaleidoSpecialTokens.ControlTokens)
            specialTokens.Add(token, id);

        // Only the visual codes are cut out of text by the pre-tokenizer; control tokens are known to the
        // tokenizer (so they decode) but text such as "<eos>" encodes as plain bytes and round-trips.
        // No normalizer: any change to the text would break exact round trips.
        using var ranks = File.OpenRead(rankPath);
        var tokenizer = TiktokenTokenizer.Create(
            ranks, KaleidoPreTokenizer.Create(descriptor.CodebookSize, descriptor.PreTokenizer), normalizer: null, specialTokens);
        return new KaleidoTokenizer(descriptor, tokenizer);
    }

    /// <summary>Encodes text to ids, optionally followed by eos.</summary>
    public int[] Encode(string text, bool appendEos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfMalformed(text);
        IReadOnlyList<int> ids = _tokenizer.EncodeToIds(text);
        var result = new int[ids.Count + (appendEos ? 1 : 0)];
        for (int i = 0; i < ids.Count; i++)
            result[i] = ids[i];
        if (appendEos)
            result[^1] = EosId;
        return result;
    }

    /// <summary>
    /// Encodes text as <see cref="Encode"/> does, and gives each token the characters of <paramref name="text"/> it
    /// spells, [Start, End). The spans run in order without gaps and cover the text (no normalizer changes it).
    /// </summary>
    public (int[] Ids, (int Start, int End)[] Spans) EncodeWithSpans(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfMalformed(text);
        IReadOnlyList<EncodedToken> tokens = _tokenizer.EncodeToTokens(text, out _);
        var ids = new int[tokens.Count];
        var spans = new (int, int)[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            ids[i] = tokens[i].Id;
            (int start, int length) = tokens[i].Offset.GetOffsetAndLength(text.Length);
            spans[i] = (start, start + length);
        }
        return (ids, spans);
    }

    /// <summary>
    /// Encodes a caption into exactly <paramref name="length"/> ids, right-padded with pad, and its attention
    /// mask. A caption longer than <paramref name="length"/> throws <see cref="CaptionTooLongException"/>
    /// unless <paramref name="truncate"/> is set; truncation keeps the first tokens (and the final eos).
    /// </summary>
    public FixedLengthEncoding EncodeFixedLength(string text, int length, bool appendEos = true, bool truncate = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        int[] caption = Encode(text, appendEos);
        bool truncated = caption.Length > length;
        if (truncated && !truncate)
            throw new CaptionTooLongException(caption.Length, length);

        int tokenCount = Math.Min(caption.Length, length);
        var ids = new int[length];
        var mask = new int[length];
        caption.AsSpan(0, tokenCount).CopyTo(ids);
        if (truncated && appendEos)
            ids[tokenCount - 1] = EosId;
        ids.AsSpan(tokenCount).Fill(PadId);
        mask.AsSpan(0, tokenCount).Fill(1);
        return new FixedLengthEncoding(ids, mask, tokenCount, truncated);
    }

    /// <summary>
    /// Decodes ids to text: stops at the first eos, skips pad and decoder start, and spells visual codes and
    /// unk as <c>&lt;v12&gt;</c> and <c>&lt;unk&gt;</c>.
    /// </summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var kept = new List<int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            int id = ids[i];
            if ((uint)id >= (uint)VocabSize)
                throw new ArgumentOutOfRangeException(
                    nameof(ids), id, $"Token id at position {i} is {id}; ids must be in [0, {VocabSize}).");
            if (id == EosId)
                break;
            if (id != PadId && id != DecoderStartId)
                kept.Add(id);
        }
        // TiktokenTokenizer.Decode(IEnumerable<int>) joins the tokens' bytes before reading them as UTF-8 and
        // writes special tokens as their text, so a character split over several tokens comes back whole.
        return _tokenizer.Decode(kept);
    }

    /// <summary>Lone surrogates have no UTF-8 form, so they could not come back from decoding.</summary>
    static void ThrowIfMalformed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            throw new ArgumentException(
                $"The text has a lone UTF-16 surrogate (U+{(int)text[i]:X4}) at index {i}; expected well-formed Unicode.",
                nameof(text));
        }
    }
}

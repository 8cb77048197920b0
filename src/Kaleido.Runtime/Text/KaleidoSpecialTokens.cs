namespace Kaleido.Runtime.Text;

/// <summary>
/// The tokens every Kaleido tokenizer shares, with fixed ids and spellings.
/// </summary>
/// <remarks>
/// The id space of a tokenizer with codebook size K is laid out as:
/// <list type="bullet">
/// <item>0 pad, 1 eos, 2 decoder start, 3 unk (the control tokens);</item>
/// <item>4 .. 4+K-1 the visual codes <c>&lt;v0&gt;</c> .. <c>&lt;v{K-1}&gt;</c>;</item>
/// <item>4+K .. 4+K+255 the 256 single bytes, in byte order;</item>
/// <item>then the learned merges, in the order they were learned.</item>
/// </list>
/// Control tokens are never produced from text: the runtime adds them itself.
/// </remarks>
public static class KaleidoSpecialTokens
{
    /// <summary>Padding. Zero because ONNX Runtime GenAI masks every prompt token equal to pad.</summary>
    public const int PadId = 0;

    /// <summary>End of sequence; differs from pad so GenAI can tell a finished row from padding.</summary>
    public const int EosId = 1;

    /// <summary>The decoder's first input token; differs from pad, which GenAI would mask (T5's start = pad fails there).</summary>
    public const int DecoderStartId = 2;

    /// <summary>Unknown token. Byte-level BPE never needs it; the id is reserved so every package has one.</summary>
    public const int UnkId = 3;

    /// <summary>Id of <c>&lt;v0&gt;</c>; visual code i has id <c>FirstVisualCodeId + i</c>.</summary>
    public const int FirstVisualCodeId = 4;

    /// <summary>Number of control tokens before the visual codes.</summary>
    public const int ControlTokenCount = 4;

    public const string Pad = "<pad>";
    public const string Eos = "<eos>";
    public const string DecoderStart = "<start>";
    public const string Unk = "<unk>";

    /// <summary>The spelling of visual code <paramref name="index"/>, e.g. <c>&lt;v12&gt;</c>.</summary>
    public static string VisualCode(int index) => $"<v{index}>";

    /// <summary>The id of visual code <paramref name="index"/>.</summary>
    public static int VisualCodeId(int index) => FirstVisualCodeId + index;

    /// <summary>The id of byte 0; the 256 single-byte tokens follow the visual codes.</summary>
    public static int FirstByteId(int codebookSize) => FirstVisualCodeId + codebookSize;

    /// <summary>The smallest vocabulary a codebook of this size allows: control tokens, visual codes and bytes.</summary>
    public static int MinimumVocabSize(int codebookSize) => FirstByteId(codebookSize) + 256;

    /// <summary>The control tokens with their ids, in id order.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> ControlTokens { get; } =
    [
        new(Pad, PadId),
        new(Eos, EosId),
        new(DecoderStart, DecoderStartId),
        new(Unk, UnkId),
    ];

    /// <summary>The visual codes of a codebook of size <paramref name="codebookSize"/>, spelling to id.</summary>
    public static Dictionary<string, int> VisualCodes(int codebookSize)
    {
        var codes = new Dictionary<string, int>(codebookSize, StringComparer.Ordinal);
        for (int i = 0; i < codebookSize; i++)
            codes.Add(VisualCode(i), VisualCodeId(i));
        return codes;
    }
}

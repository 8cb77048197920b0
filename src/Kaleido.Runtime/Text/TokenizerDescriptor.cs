using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Kaleido.Runtime.Text;

/// <summary>
/// Our own small description of a tokenizer folder (<c>kaleido-tokenizer.json</c>): the file format, the
/// rank file's name, the vocabulary and codebook sizes and the special token ids.
/// </summary>
/// <remarks>
/// Format version 1 is a tiktoken-style BPE rank file (one <c>base64(bytes) id</c> line per token) read by
/// Microsoft.ML.Tokenizers' <c>TiktokenTokenizer</c>, with the fixed id layout of <see cref="KaleidoSpecialTokens"/>.
/// The special tokens are not in the rank file; they are listed here.
/// </remarks>
public sealed record TokenizerDescriptor
{
    public const string FileName = "kaleido-tokenizer.json";
    public const string TiktokenBpeFormat = "tiktoken-bpe";
    public const int CurrentFormatVersion = 1;
    public const string DefaultRankFileName = "tokenizer.tiktoken";

    [JsonPropertyName("format")] public required string Format { get; init; }
    [JsonPropertyName("formatVersion")] public required int FormatVersion { get; init; }
    [JsonPropertyName("preTokenizer")] public required string PreTokenizer { get; init; }
    [JsonPropertyName("rankFile")] public required string RankFile { get; init; }

    /// <summary>Number of ids, special tokens included: the model's embedding and logits size.</summary>
    [JsonPropertyName("vocabSize")] public required int VocabSize { get; init; }

    /// <summary>K, the number of visual codes <c>&lt;v0&gt;</c>..<c>&lt;v{K-1}&gt;</c>.</summary>
    [JsonPropertyName("codebookSize")] public required int CodebookSize { get; init; }

    [JsonPropertyName("padToken")] public required string PadToken { get; init; }
    [JsonPropertyName("padId")] public required int PadId { get; init; }
    [JsonPropertyName("eosToken")] public required string EosToken { get; init; }
    [JsonPropertyName("eosId")] public required int EosId { get; init; }
    [JsonPropertyName("decoderStartToken")] public required string DecoderStartToken { get; init; }
    [JsonPropertyName("decoderStartId")] public required int DecoderStartId { get; init; }
    [JsonPropertyName("unkToken")] public required string UnkToken { get; init; }
    [JsonPropertyName("unkId")] public required int UnkId { get; init; }

    /// <summary>Id of <c>&lt;v0&gt;</c>; visual code i has id firstVisualCodeId + i.</summary>
    [JsonPropertyName("firstVisualCodeId")] public required int FirstVisualCodeId { get; init; }

    /// <summary>Id of the single byte 0x00; the 256 byte tokens come next, then the merges.</summary>
    [JsonPropertyName("firstByteId")] public required int FirstByteId { get; init; }

    // Relaxed escaping keeps "<pad>" readable instead of "\u003Cpad\u003E"; the file is never embedded in HTML.
    // The source-generated contract (no reflection) keeps the reader and writer trimming- and Native-AOT-safe.
    static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = TokenizerDescriptorJson.Default,
    };

    /// <summary>The descriptor of a format-version-1 tokenizer with the fixed special token layout.</summary>
    public static TokenizerDescriptor Create(int vocabSize, int codebookSize, string rankFile = DefaultRankFileName) => new()
    {
        Format = TiktokenBpeFormat,
        FormatVersion = CurrentFormatVersion,
        PreTokenizer = KaleidoPreTokenizer.Name,
        RankFile = rankFile,
        VocabSize = vocabSize,
        CodebookSize = codebookSize,
        PadToken = KaleidoSpecialTokens.Pad,
        PadId = KaleidoSpecialTokens.PadId,
        EosToken = KaleidoSpecialTokens.Eos,
        EosId = KaleidoSpecialTokens.EosId,
        DecoderStartToken = KaleidoSpecialTokens.DecoderStart,
        DecoderStartId = KaleidoSpecialTokens.DecoderStartId,
        UnkToken = KaleidoSpecialTokens.Unk,
        UnkId = KaleidoSpecialTokens.UnkId,
        FirstVisualCodeId = KaleidoSpecialTokens.FirstVisualCodeId,
        FirstByteId = KaleidoSpecialTokens.FirstByteId(codebookSize),
    };

    /// <summary>Reads and validates <c>kaleido-tokenizer.json</c> from a tokenizer folder.</summary>
    public static TokenizerDescriptor Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new TokenizerException($"No tokenizer descriptor '{FileName}' in '{directory}'.");

        TokenizerDescriptor? descriptor;
        try
        {
            descriptor = JsonSerializer.Deserialize(File.ReadAllText(path), TokenizerDescriptorJson.Default.TokenizerDescriptor);
        }
        catch (JsonException e)
        {
            throw new TokenizerException($"The tokenizer descriptor '{path}' is not valid: {JsonErrorText.Reason(e)}");
        }
        if (descriptor is null)
            throw new TokenizerException($"The tokenizer descriptor '{path}' is empty (null).");
        descriptor.Validate(path);
        return descriptor;
    }

    /// <summary>Writes the descriptor as indented JSON with '\n' line ends, so equal descriptors give equal bytes.</summary>
    public void Write(string directory)
    {
        string json = JsonSerializer.Serialize(this, (JsonTypeInfo<TokenizerDescriptor>)WriteOptions.GetTypeInfo(typeof(TokenizerDescriptor))) + "\n";
        File.WriteAllBytes(Path.Combine(directory, FileName), Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Checks the descriptor is one this runtime reads: format 1 with the fixed special token layout.</summary>
    void Validate(string path)
    {
        void Expect<T>(string field, T actual, T expected)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, expected))
                throw new TokenizerException(
                    $"The tokenizer descriptor '{path}' has {field} = '{actual}'; this runtime reads only '{expected}'.");
        }

        Expect("format", Format, TiktokenBpeFormat);
        Expect("formatVersion", FormatVersion, CurrentFormatVersion);
        if (!KaleidoPreTokenizer.IsKnown(PreTokenizer))
            throw new TokenizerException(
                $"The tokenizer descriptor '{path}' has preTokenizer = '{PreTokenizer}'; this runtime reads only {string.Join(" or ", KaleidoPreTokenizer.KnownNames.Select(n => $"'{n}'"))}.");
        if (CodebookSize < 0)
            throw new TokenizerException($"The tokenizer descriptor '{path}' has codebookSize = {CodebookSize}; expected 0 or more.");
        var expected = Create(VocabSize, CodebookSize, RankFile);
        Expect("padToken", PadToken, expected.PadToken);
        Expect("padId", PadId, expected.PadId);
        Expect("eosToken", EosToken, expected.EosToken);
        Expect("eosId", EosId, expected.EosId);
        Expect("decoderStartToken", DecoderStartToken, expected.DecoderStartToken);
        Expect("decoderStartId", DecoderStartId, expected.DecoderStartId);
        Expect("unkToken", UnkToken, expected.UnkToken);
        Expect("unkId", UnkId, expected.UnkId);
        Expect("firstVisualCodeId", FirstVisualCodeId, expected.FirstVisualCodeId);
        Expect("firstByteId", FirstByteId, expected.FirstByteId);
        int minimum = KaleidoSpecialTokens.MinimumVocabSize(CodebookSize);
        if (VocabSize < minimum)
            throw new TokenizerException(
                $"The tokenizer descriptor '{path}' has vocabSize = {VocabSize}; a codebook of {CodebookSize} needs at least {minimum}.");
        if (string.IsNullOrWhiteSpace(RankFile) || Path.GetFileName(RankFile) != RankFile)
            throw new TokenizerException(
                $"The tokenizer descriptor '{path}' has rankFile = '{RankFile}'; expected a plain file name in the same folder.");
    }
}

using System.CommandLine;

namespace Kaleido.Tools.Tokenizer;

/// <summary>Command-line settings of <c>kaleido-tools tokenizer</c>.</summary>
public sealed class TokenizerOptions
{
    public const string VerbName = "tokenizer";

    public string Corpus { get; init; } = "";

    public string Out { get; init; } = "";

    public int VocabSize { get; init; }

    public int Codebook { get; init; }

    public int MinPairCount { get; init; } = 2;

    /// <summary>The <c>tokenizer</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<TokenizerOptions> CreateVerb()
    {
        var corpus = new Option<string>("--corpus")
        {
            Required = true,
            Description = "UTF-8 text file, one caption or latent string per line (empty lines skipped), or a dataset manifest (.jsonl) whose captions and latent texts are the corpus.",
        };
        var @out = new Option<string>("--out") { Required = true, Description = "Folder to write tokenizer.tiktoken and kaleido-tokenizer.json into." };
        var vocabSize = new Option<int>("--vocab-size") { Required = true, Description = "Target number of ids, control tokens, visual codes and 256 bytes included." };
        var codebook = new Option<int>("--codebook") { Required = true, Description = "Codebook size K: the visual codes <v0>..<v{K-1}> become single tokens." };
        var minPairCount = new Option<int>("--min-pair-count") { DefaultValueFactory = _ => 2, Description = "Do not merge pairs seen fewer times than this." };
        var command = new Command(VerbName, "Build a Kaleido tokenizer (byte-level BPE, tiktoken rank file) from a text corpus.")
        {
            corpus, @out, vocabSize, codebook, minPairCount,
        };
        return new Verb<TokenizerOptions>(command, result => new TokenizerOptions
        {
            Corpus = result.GetValue(corpus)!,
            Out = result.GetValue(@out)!,
            VocabSize = result.GetValue(vocabSize),
            Codebook = result.GetValue(codebook),
            MinPairCount = result.GetValue(minPairCount),
        });
    }
}

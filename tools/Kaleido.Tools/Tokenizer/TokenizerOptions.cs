using CommandLine;

namespace Kaleido.Tools.Tokenizer;

/// <summary>Command-line settings of <c>kaleido-tools tokenizer</c>.</summary>
[Verb("tokenizer", HelpText = "Build a Kaleido tokenizer (byte-level BPE, tiktoken rank file) from a text corpus.")]
public sealed class TokenizerOptions
{
    [Option("corpus", Required = true, HelpText = "UTF-8 text file, one caption or latent string per line (empty lines skipped), or a dataset manifest (.jsonl) whose captions and latent texts are the corpus.")]
    public string Corpus { get; init; } = "";

    [Option("out", Required = true, HelpText = "Folder to write tokenizer.tiktoken and kaleido-tokenizer.json into.")]
    public string Out { get; init; } = "";

    [Option("vocab-size", Required = true, HelpText = "Target number of ids, control tokens, visual codes and 256 bytes included.")]
    public int VocabSize { get; init; }

    [Option("codebook", Required = true, HelpText = "Codebook size K: the visual codes <v0>..<v{K-1}> become single tokens.")]
    public int Codebook { get; init; }

    [Option("min-pair-count", Default = 2, HelpText = "Do not merge pairs seen fewer times than this.")]
    public int MinPairCount { get; init; } = 2;
}

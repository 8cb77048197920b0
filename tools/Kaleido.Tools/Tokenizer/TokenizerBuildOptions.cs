using Kaleido.Runtime.Text;

namespace Kaleido.Tools.Tokenizer;

/// <summary>What to build: the target vocabulary size and the visual codebook size.</summary>
/// <param name="VocabSize">
/// Target number of ids, special tokens and visual codes included; the model's embedding size. Training stops
/// earlier when the corpus has no pair left occurring <paramref name="MinPairCount"/> times.
/// </param>
/// <param name="CodebookSize">K, the number of visual codes <c>&lt;v0&gt;</c>..<c>&lt;v{K-1}&gt;</c>.</param>
/// <param name="MinPairCount">A pair seen fewer times is not merged; 2 keeps one-off strings from being memorised.</param>
public sealed record TokenizerBuildOptions(int VocabSize, int CodebookSize, int MinPairCount = 2)
{
    /// <summary>Throws a <see cref="ToolInputException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (CodebookSize < 0)
            throw new ToolInputException($"The codebook size is {CodebookSize}; expected 0 or more.");
        int minimum = KaleidoSpecialTokens.MinimumVocabSize(CodebookSize);
        if (VocabSize < minimum)
            throw new ToolInputException(
                $"The vocab size is {VocabSize}; with a codebook of {CodebookSize} it must be at least {minimum} "
                + $"({KaleidoSpecialTokens.ControlTokenCount} control tokens + {CodebookSize} visual codes + 256 bytes).");
        if (MinPairCount < 1)
            throw new ToolInputException($"The minimum pair count is {MinPairCount}; expected 1 or more.");
    }
}

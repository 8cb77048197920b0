namespace Kaleido.Runtime.Text;

/// <summary>A user-facing tokenizer failure: bad tokenizer files or a caption that does not fit.</summary>
public class TokenizerException(string message) : UserInputException(message);

/// <summary>A caption has more tokens than the fixed length it must be padded to.</summary>
public sealed class CaptionTooLongException(int tokenCount, int limit)
    : TokenizerException(
        $"The caption is {tokenCount} tokens long, more than the limit of {limit} tokens. "
        + "Shorten the caption or ask for truncation.")
{
    /// <summary>Tokens the caption needs, eos included when one was asked for.</summary>
    public int TokenCount { get; } = tokenCount;

    /// <summary>The fixed length the caption had to fit in.</summary>
    public int Limit { get; } = limit;
}

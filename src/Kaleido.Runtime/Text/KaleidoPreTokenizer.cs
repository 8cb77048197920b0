using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Kaleido.Runtime.Text;

/// <summary>
/// Splits text into the pieces BPE works inside. The builder trains on these pieces and the runtime
/// encodes with them, so both must use this one definition.
/// </summary>
public static class KaleidoPreTokenizer
{
    /// <summary>The name recorded in the descriptor; a new pattern gets a new name.</summary>
    public const string Name = "kaleido-v1";

    /// <summary>
    /// GPT-2-like split: an optional leading space then a run of letters, of digits, or of other symbols;
    /// or a run of whitespace. Every character falls in exactly one alternative, so the pieces tile the
    /// text and nothing is dropped (exact round trips). Letters and symbols never share a piece, so no
    /// piece can spell a control token such as <c>&lt;eos&gt;</c>.
    /// </summary>
    public const string Pattern = @" ?[\p{L}\p{M}]+| ?\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s+(?!\S)|\s+";

    static readonly Regex PatternRegex = new(Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>
    /// The pre-tokenizer that first cuts out the visual codes <c>&lt;v0&gt;</c>..<c>&lt;v{K-1}&gt;</c> as whole
    /// pieces, then splits the rest with <see cref="Pattern"/>.
    /// </summary>
    public static PreTokenizer Create(int codebookSize) =>
        new RegexPreTokenizer(PatternRegex, KaleidoSpecialTokens.VisualCodes(codebookSize));
}

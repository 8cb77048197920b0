using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Kaleido.Runtime.Text;

/// <summary>
/// Splits text into the pieces BPE works inside. The builder trains on these pieces and the runtime
/// encodes with them, so both must use one definition, named in the tokenizer's descriptor.
/// </summary>
/// <remarks>
/// Two versions exist. <c>kaleido-v1</c> lets a number take the space before it, so a box "(335 437 …)"
/// spells x1 with unspaced number tokens ("335", after "(") and y1, x2, y2 with spaced ones (" 437"): two
/// token tables for one kind of number. <c>kaleido-v2</c> never attaches a space to a number, so every
/// coordinate is spelled with the same tokens whatever precedes it; the space becomes a token of its own.
/// New tokenizers are built with v2; v1 stays readable for packages built before it.
/// </remarks>
public static partial class KaleidoPreTokenizer
{
    /// <summary>The version new tokenizers are built with.</summary>
    public const string Name = V2;

    /// <summary>Numbers take an optional leading space, like words (packages built before v2).</summary>
    public const string V1 = "kaleido-v1";

    /// <summary>Numbers never take a leading space: one spelling per number.</summary>
    public const string V2 = "kaleido-v2";

    /// <summary>
    /// GPT-2-like split: an optional leading space then a run of letters, of digits, or of other symbols;
    /// or a run of whitespace. Every character falls in exactly one alternative, so the pieces tile the
    /// text and nothing is dropped (exact round trips). Letters and symbols never share a piece, so no
    /// piece can spell a control token such as <c>&lt;eos&gt;</c>.
    /// </summary>
    public const string PatternV1 = @" ?[\p{L}\p{M}]+| ?\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>
    /// <see cref="PatternV1"/> with the digits' optional space removed: a space before a number falls to the
    /// whitespace alternatives and stands alone. The pieces still tile the text.
    /// </summary>
    public const string PatternV2 = @" ?[\p{L}\p{M}]+|\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s+(?!\S)|\s+";

    // Source-generated: the same matches as the interpreter, with no regex parser or compiler at run time (Native AOT).
    [GeneratedRegex(PatternV1, RegexOptions.CultureInvariant)]
    private static partial Regex RegexV1();

    [GeneratedRegex(PatternV2, RegexOptions.CultureInvariant)]
    private static partial Regex RegexV2();

    /// <summary>The versions this runtime reads.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = [V1, V2];

    /// <summary>True for a version this runtime reads.</summary>
    public static bool IsKnown(string name) => name is V1 or V2;

    /// <summary>
    /// The pre-tokenizer of version <paramref name="name"/>: first cuts out the visual codes
    /// <c>&lt;v0&gt;</c>..<c>&lt;v{K-1}&gt;</c> as whole pieces, then splits the rest with the version's pattern.
    /// </summary>
    public static PreTokenizer Create(int codebookSize, string name = Name)
    {
        var regex = name switch
        {
            V1 => RegexV1(),
            V2 => RegexV2(),
            _ => throw new ArgumentException($"Unknown pre-tokenizer '{name}'; known: {string.Join(", ", KnownNames)}.", nameof(name)),
        };
        return new RegexPreTokenizer(regex, KaleidoSpecialTokens.VisualCodes(codebookSize));
    }
}

using Kaleido.Runtime.Package;

namespace Kaleido.Runtime.Conditioning;

/// <summary>
/// The decoder's teacher-forced input for a latent token sequence z₁…zₙ:
/// shift_right(z₁…zₙ, eos) with the package's decoder-start id in front, i.e. [start, z₁, …, zₙ],
/// right-padded with pad to <c>maxLatentTokens + 1</c>. Training and the runtime both build it here,
/// so the hidden states the denoiser was trained on are the ones it gets.
/// </summary>
public static class DecoderInputs
{
    /// <summary>Length of every row: the start token plus the longest latent sequence.</summary>
    public static int Length(int maxLatentTokens) => maxLatentTokens + 1;

    /// <summary>
    /// Writes the input ids and attention mask (1 = real token) for <paramref name="latentTokens"/>
    /// (without eos) into spans of <see cref="Length"/> elements.
    /// </summary>
    public static void Build(ReadOnlySpan<int> latentTokens, SpecialTokens tokens, int maxLatentTokens,
        Span<long> ids, Span<long> mask)
    {
        int length = Length(maxLatentTokens);
        if (ids.Length != length || mask.Length != length)
            throw new ArgumentException($"ids and mask must hold {length} elements (maxLatentTokens + 1).");
        if (latentTokens.Length > maxLatentTokens)
            throw new UserInputException(
                $"The latents have {latentTokens.Length} tokens; this model takes at most {maxLatentTokens}.");

        ids.Fill(tokens.Pad);
        mask.Clear();
        ids[0] = tokens.DecoderStart;
        mask[0] = 1;
        for (int i = 0; i < latentTokens.Length; i++)
        {
            ids[i + 1] = latentTokens[i];
            mask[i + 1] = 1;
        }
    }

    /// <summary>The unconditional decoder input: the start token alone (Kaleido's p(x), paper eq. 8).</summary>
    public static void BuildUnconditional(SpecialTokens tokens, int maxLatentTokens, Span<long> ids, Span<long> mask) =>
        Build([], tokens, maxLatentTokens, ids, mask);
}

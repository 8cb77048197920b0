namespace Kaleido.Runtime.Prior;

/// <summary>
/// Teacher-forced decoder hidden states at [start, z₁, …, zₙ, pad…]: states [Ld, D] and mask [Ld]
/// (1 for start and latent tokens).
/// </summary>
public sealed record DecoderStates(float[] States, long[] Mask, int Width)
{
    /// <summary>Ld = maxLatentTokens + 1.</summary>
    public int Length => Mask.Length;
}

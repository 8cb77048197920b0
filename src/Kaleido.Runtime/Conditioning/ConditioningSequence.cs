namespace Kaleido.Runtime.Conditioning;

/// <summary>
/// Builds the denoiser's conditioning rows. Kaleido: [encoder states of the caption ; decoder
/// final-layer-norm hidden states at the decoder inputs] along the sequence axis, masks
/// concatenated. Baseline: the encoder states alone. Padded positions are zeroed so nothing
/// reaches the denoiser from them even where a layer ignores the mask.
/// </summary>
public static class ConditioningSequence
{
    /// <summary>
    /// Concatenates one row. Shapes: encoder [Lc, D] with mask [Lc]; decoder [Ld, D] with mask [Ld]
    /// (empty for baselines); destination [Lc + Ld, D] with mask [Lc + Ld].
    /// </summary>
    public static void Concatenate(
        ReadOnlySpan<float> encoderStates, ReadOnlySpan<long> encoderMask,
        ReadOnlySpan<float> decoderStates, ReadOnlySpan<long> decoderMask,
        int width, Span<float> destination, Span<long> destinationMask)
    {
        int lc = encoderMask.Length, ld = decoderMask.Length;
        if (encoderStates.Length != lc * width || decoderStates.Length != ld * width)
            throw new ArgumentException("State spans must hold mask length × width values.");
        if (destination.Length != (lc + ld) * width || destinationMask.Length != lc + ld)
            throw new ArgumentException("Destination must hold (Lc + Ld) × width values and Lc + Ld mask entries.");
        if (!encoderMask.Contains(1L) && !decoderMask.Contains(1L))
            throw new ArgumentException("A conditioning row needs at least one valid key, or attention rows are fully masked.");

        CopyMasked(encoderStates, encoderMask, width, destination[..(lc * width)]);
        CopyMasked(decoderStates, decoderMask, width, destination[(lc * width)..]);
        encoderMask.CopyTo(destinationMask);
        decoderMask.CopyTo(destinationMask[lc..]);
    }

    static void CopyMasked(ReadOnlySpan<float> states, ReadOnlySpan<long> mask, int width, Span<float> destination)
    {
        for (int t = 0; t < mask.Length; t++)
        {
            Span<float> row = destination.Slice(t * width, width);
            if (mask[t] != 0) states.Slice(t * width, width).CopyTo(row);
            else row.Clear();
        }
    }
}

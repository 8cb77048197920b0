namespace Kaleido.Export.Prior;

/// <summary>Builds the decoder's teacher-forcing inputs and the fixed-length caption batch.</summary>
public static class DecoderInputs
{
    /// <summary>
    /// shift_right(latent tokens + eos) with the package's start id: [start, t0, …, t(n−1)]; the matching
    /// targets are [t0, …, t(n−1), eos].
    /// </summary>
    public static long[] ShiftRight(T5PriorConfig config, ReadOnlySpan<long> latentTokens)
    {
        var inputs = new long[latentTokens.Length + 1];
        inputs[0] = config.DecoderStartId;
        latentTokens.CopyTo(inputs.AsSpan(1));
        return inputs;
    }

    /// <summary>
    /// Right-pads each caption (ids already ending in eos) with pad to <see cref="T5PriorConfig.CaptionLength"/>:
    /// ids and mask, each [B·L] row-major. Never pads to the batch's longest, so a caption's bytes do not depend on its batch.
    /// </summary>
    public static (long[] Ids, long[] Mask) PadCaptions(T5PriorConfig config, IReadOnlyList<long[]> captions)
    {
        var length = config.CaptionLength;
        var ids = new long[captions.Count * length];
        var mask = new long[captions.Count * length];
        for (var b = 0; b < captions.Count; b++)
        {
            var caption = captions[b];
            if (caption.Length == 0 || caption.Length > length)
                throw new ArgumentException($"Caption {b} has {caption.Length} tokens; expected 1..{length} (CaptionLength).", nameof(captions));
            var row = ids.AsSpan(b * length, length);
            row.Fill(config.PadId);
            caption.CopyTo(row);
            mask.AsSpan(b * length, caption.Length).Fill(1);
        }
        return (ids, mask);
    }
}

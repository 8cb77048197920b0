namespace Kaleido.Export.Prior;

/// <summary>
/// Right-pads caption ids that are already tokenized (tests feed random ids). Text goes through the runtime's
/// <c>KaleidoTokenizer.EncodeFixedLength</c> instead, and decoder inputs through the runtime's
/// <c>Kaleido.Runtime.Conditioning.DecoderInputs</c>.
/// </summary>
public static class CaptionPadding
{
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

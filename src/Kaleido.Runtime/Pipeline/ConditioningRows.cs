using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Prior;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// Builds the denoiser's conditioning rows, [caption states; decoder states] padded to the package's fixed length:
/// the conditional row of an image, and the unconditional row guidance pairs it with, which is the same for every
/// image and computed once: the empty caption's encoder states, then (Kaleido) the decoder's states at the start
/// token alone under that caption (paper eq. 8's p(x)).
/// </summary>
public sealed class ConditioningRows(LoadedModel model)
{
    (float[] States, long[] Mask)? _unconditional;

    ConditioningSpec Spec => model.Manifest.Conditioning;

    /// <summary>Values of one row's states, L × D.</summary>
    public int RowValues => Spec.Length * Spec.Width;

    /// <summary>
    /// Writes the rows of one image into <paramref name="states"/> ([rows, L, D]) and <paramref name="mask"/> ([rows, L]):
    /// [uncond; cond] when <paramref name="guided"/>, else [cond].
    /// </summary>
    public void Write(EncodedCaption caption, DecoderStates? decoded, bool guided, Span<float> states, Span<long> mask)
    {
        int rows = guided ? 2 : 1;
        if (states.Length != rows * RowValues || mask.Length != rows * Spec.Length)
            throw new ArgumentException($"Expected {rows} rows of {Spec.Length} × {Spec.Width} states and {Spec.Length} mask values.");
        if (guided)
        {
            var (uncondStates, uncondMask) = Unconditional();
            uncondStates.CopyTo(states);
            uncondMask.CopyTo(mask);
        }
        ConditioningSequence.Concatenate(caption.States, caption.Mask, decoded?.States ?? [], decoded?.Mask ?? [],
            Spec.Width, states[((rows - 1) * RowValues)..], mask[((rows - 1) * Spec.Length)..]);
    }

    /// <summary>
    /// Writes the grounding rows of one image (region-masked packages) into <paramref name="tokenObjects"/> ([rows, L])
    /// and <paramref name="regions"/> ([rows, M, 4]): the unconditional row places nothing, the conditional row the
    /// latents' objects.
    /// </summary>
    public void WriteGrounding(ObjectGrounding grounding, bool guided, Span<long> tokenObjects, Span<float> regions)
    {
        int maxObjects = Spec.Grounding?.MaxObjects
            ?? throw new InvalidOperationException($"Model '{model.Manifest.ModelId}' has no grounding inputs.");
        int rows = guided ? 2 : 1, regionValues = maxObjects * ObjectGrounding.RegionValues;
        if (tokenObjects.Length != rows * Spec.Length || regions.Length != rows * regionValues)
            throw new ArgumentException($"Expected {rows} rows of {Spec.Length} token objects and {regionValues} region values.");
        if (guided)
            ObjectGrounding.WriteRow(null, Spec.MaxCaptionTokens, maxObjects, tokenObjects[..Spec.Length], regions[..regionValues]);
        ObjectGrounding.WriteRow(grounding, Spec.MaxCaptionTokens, maxObjects,
            tokenObjects[((rows - 1) * Spec.Length)..], regions[((rows - 1) * regionValues)..]);
    }

    (float[] States, long[] Mask) Unconditional()
    {
        if (_unconditional is { } cached)
            return cached;
        EncodedCaption empty = model.Encoder.Encode("");
        DecoderStates? start = model.Decoder?.Run(empty, []);
        var states = new float[RowValues];
        var mask = new long[Spec.Length];
        ConditioningSequence.Concatenate(empty.States, empty.Mask, start?.States ?? [], start?.Mask ?? [], Spec.Width, states, mask);
        _unconditional = (states, mask);
        return (states, mask);
    }
}

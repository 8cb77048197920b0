using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Runtime.Diffusion.Noise;

/// <summary>
/// The loop's noise for one batch: sample b of the batch draws from the stream of its own image
/// (seed, index), so its noise never depends on which batch it runs in. Key steps follow
/// <see cref="NoiseKey"/>: 0 is the starting noise x_T, loop step i draws at key step i + 1.
/// </summary>
public sealed class KeyedStepNoise : IStepNoiseSource
{
    readonly NoiseKey[] _images;
    readonly uint[] _resolutionSides;

    /// <param name="images">Per batch row: the image's seed and index (Step and Resolution are ignored).</param>
    /// <param name="resolutionSides">Side in pixels of each nested level, in the loop's resolution order.</param>
    public KeyedStepNoise(IReadOnlyList<NoiseKey> images, IReadOnlyList<int> resolutionSides)
    {
        if (images.Count == 0) throw new ArgumentException("A batch has at least one image.", nameof(images));
        if (resolutionSides.Any(s => s <= 0)) throw new ArgumentOutOfRangeException(nameof(resolutionSides));
        _images = [.. images];
        _resolutionSides = resolutionSides.Select(s => (uint)s).ToArray();
    }

    /// <summary>Fills sample <paramref name="sampleIndex"/>'s starting noise x_T at a resolution.</summary>
    public void FillStart(int resolutionIndex, int sampleIndex, Span<float> xT) =>
        GaussianNoise.Fill(xT, Key(stepKey: 0, resolutionIndex, sampleIndex));

    /// <inheritdoc />
    public void Fill(int stepIndex, int resolutionIndex, int sampleIndex, Span<float> z) =>
        GaussianNoise.Fill(z, Key((uint)stepIndex + 1, resolutionIndex, sampleIndex));

    NoiseKey Key(uint stepKey, int resolutionIndex, int sampleIndex) =>
        _images[sampleIndex] with { Step = stepKey, Resolution = _resolutionSides[resolutionIndex] };
}

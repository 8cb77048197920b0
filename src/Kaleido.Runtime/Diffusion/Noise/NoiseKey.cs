namespace Kaleido.Runtime.Diffusion.Noise;

/// <summary>
/// Names one noise tensor: the noise of image <see cref="ImageIndex"/> of a request with
/// <see cref="Seed"/>, drawn at denoising <see cref="Step"/> for the nested level of side
/// <see cref="Resolution"/> pixels. The noise depends on these four values only, never on
/// batch size, order or thread count (layout: docs/noise.md).
/// </summary>
/// <param name="Seed">The request's seed; becomes the 64-bit Philox key.</param>
/// <param name="ImageIndex">Index of the image within the request (0 for the first).</param>
/// <param name="Step">Which draw: by convention 0 is the starting noise x_T, k ≥ 1 the sampler's z at its k-th step.</param>
/// <param name="Resolution">Side in pixels of the level the noise is for (e.g. 64 or 256), so levels get independent noise.</param>
public readonly record struct NoiseKey(ulong Seed, uint ImageIndex, uint Step, uint Resolution)
{
    /// <summary>The same key for another image of the request.</summary>
    public NoiseKey ForImage(uint imageIndex) => this with { ImageIndex = imageIndex };
}

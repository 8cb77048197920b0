using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// One finished image: x_0 at the highest resolution as [C=3, H, W] floats in [−1, 1] (channel planes R, G, B;
/// <see cref="TensorImage"/> turns it into pixels), with what made it.
/// </summary>
public sealed record RenderedImage(float[] Pixels, int Side, ImageMetadata Metadata, LatentsDocument? Latents)
{
    public int Index => Metadata.Index;
}

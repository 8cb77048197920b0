using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Cli.Output;

/// <summary>
/// Outlines the boxes (bbox, combined) or blobs (blob) of latents on an image, each in the colour its phrase names
/// (<see cref="OverlayPalette"/>); other kinds have no geometry.
/// </summary>
static class OverlayShapes
{
    public static void Draw(Image<Rgb24> image, DiscreteLatents latents)
    {
        switch (latents)
        {
            case BboxLatents bbox:
                DrawBoxes(image, bbox);
                break;
            case CombinedLatents combined:
                DrawBoxes(image, combined.Bbox);
                break;
            case BlobLatents blob:
                for (int i = 0; i < blob.Phrases.Count; i++)
                {
                    ObjectBlob b = blob.Phrases[i].Blob;
                    // A blob may have a zero radius; the rasterizer needs a positive one and marks at least the centre pixel.
                    var ellipse = new NormalizedEllipse(b.CenterX, b.CenterY,
                        Math.Max(b.RadiusMajor, MinimumRadius), Math.Max(b.RadiusMinor, MinimumRadius), b.ThetaDegrees);
                    OverlayRasterizer.DrawEllipse(image, ellipse, OverlayPalette.ColourFor(blob.Phrases[i].Phrase, i));
                }
                break;
        }
    }

    /// <summary>A thousandth of a normalised unit: far below a pixel.</summary>
    const double MinimumRadius = 1e-3;

    static void DrawBoxes(Image<Rgb24> image, BboxLatents bbox)
    {
        for (int i = 0; i < bbox.Phrases.Count; i++)
        {
            BoundingBox b = bbox.Phrases[i].Box;
            OverlayRasterizer.DrawBox(image, new NormalizedBox(b.X1, b.Y1, b.X2, b.Y2), OverlayPalette.ColourFor(bbox.Phrases[i].Phrase, i));
        }
    }
}

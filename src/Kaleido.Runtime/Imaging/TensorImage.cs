using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Imaging;

/// <summary>Converts between a [C=3, H, W] float tensor in [−1, 1] and an RGB image, via <see cref="PixelMapping"/>.</summary>
public static class TensorImage
{
    /// <summary>The tensors here are RGB.</summary>
    public const int Channels = 3;

    /// <summary>Builds an RGB image from a [3, H, W] tensor (channel-major, row-major within a channel).</summary>
    public static Image<Rgb24> ToImage(ReadOnlySpan<float> chw, int height, int width)
    {
        CheckShape(chw.Length, height, width, nameof(chw));

        int plane = height * width;
        var image = new Image<Rgb24>(PngConfiguration.Instance, width, height);
        for (int y = 0; y < height; y++)
        {
            Span<Rgb24> row = image.DangerousGetPixelRowMemory(y).Span;
            for (int x = 0; x < width; x++)
            {
                int at = y * width + x; // index within one [H, W] plane
                row[x] = new Rgb24(
                    ToByteAt(chw, at, 0, y, x),
                    ToByteAt(chw[plane..], at, 1, y, x),
                    ToByteAt(chw[(2 * plane)..], at, 2, y, x));
            }
        }

        return image;
    }

    /// <summary>Writes an RGB image into a [3, H, W] tensor with the training mapping (uint8 − 127)/128.</summary>
    public static void ToTensor(Image<Rgb24> image, Span<float> chw)
    {
        CheckShape(chw.Length, image.Height, image.Width, nameof(chw));

        int plane = image.Height * image.Width;
        for (int y = 0; y < image.Height; y++)
        {
            Span<Rgb24> row = image.DangerousGetPixelRowMemory(y).Span;
            for (int x = 0; x < image.Width; x++)
            {
                int at = y * image.Width + x;
                chw[at] = PixelMapping.ToUnit(row[x].R);
                chw[plane + at] = PixelMapping.ToUnit(row[x].G);
                chw[2 * plane + at] = PixelMapping.ToUnit(row[x].B);
            }
        }
    }

    private static byte ToByteAt(ReadOnlySpan<float> channelPlane, int at, int channel, int y, int x)
    {
        float value = channelPlane[at];
        if (float.IsNaN(value))
        {
            throw new ArgumentException($"The image tensor holds NaN at [channel {channel}, y {y}, x {x}]; expected values in [-1, 1].");
        }

        return PixelMapping.ToByte(value);
    }

    private static void CheckShape(int length, int height, int width, string parameterName)
    {
        if (height <= 0 || width <= 0 || (long)Channels * height * width != length)
        {
            throw new ArgumentException(
                $"Expected a [3, {height}, {width}] tensor of {(long)Channels * height * width} values with positive sizes, got {length} values.",
                parameterName);
        }
    }
}

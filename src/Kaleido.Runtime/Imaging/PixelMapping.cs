namespace Kaleido.Runtime.Imaging;

/// <summary>
/// The reference mapping between model values in [−1, 1] and 8-bit pixels (ml-mdm; docs/imaging.md):
/// out: uint8 = clamp(x·128 + 127, 0, 255) truncated toward zero (a cast, not rounding);
/// in (training): x = (uint8 − 127)/128. Both are computed in float32, as the reference does.
/// </summary>
public static class PixelMapping
{
    /// <summary>Model value to pixel byte. NaN is a broken model output and throws.</summary>
    public static byte ToByte(float x)
    {
        float scaled = x * 128f + 127f; // x·128 is exact; the add rounds once, in float32
        if (float.IsNaN(scaled))
        {
            throw new ArgumentException("Expected a model value in [-1, 1], got NaN.", nameof(x));
        }

        if (scaled <= 0f) return 0;
        if (scaled >= 255f) return 255;
        return (byte)scaled; // truncation toward zero, as the reference's cast
    }

    /// <summary>Pixel byte to model value, the training input mapping; <see cref="ToByte"/> maps it back to the same byte.</summary>
    public static float ToUnit(byte pixel) => (pixel - 127) / 128f;
}

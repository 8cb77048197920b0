using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Dataset;

/// <summary>Bounding boxes of binary masks, in mask pixels and in the latents' [0, 1000] coordinates.</summary>
public static class MaskGeometry
{
    /// <summary>
    /// The smallest and largest set column and row of a [height, width] mask (inclusive), or null
    /// when nothing is set.
    /// </summary>
    public static (int MinX, int MinY, int MaxX, int MaxY)? FindBounds(ReadOnlySpan<bool> mask, int width, int height)
    {
        CheckShape(mask, width, height);
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (!mask[y * width + x])
                    continue;
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
            }
        }
        return maxX < 0 ? null : (minX, minY, maxX, maxY);
    }

    /// <summary>
    /// The box of a square mask in [0, 1000] coordinates: pixel x covers [x, x + 1) of the side, so
    /// the box runs from the left edge of the first set column (rounded down) to the right edge of
    /// the last (rounded up). It encloses the mask and is loose by less than one unit on each side.
    /// Null when the mask is empty.
    /// </summary>
    public static BoundingBox? ToNormalizedBox(ReadOnlySpan<bool> mask, int side)
    {
        if (FindBounds(mask, side, side) is not { } bounds)
            return null;
        const int max = LatentRanges.CoordinateMax;
        return new BoundingBox(
            FloorScale(bounds.MinX, side),
            FloorScale(bounds.MinY, side),
            CeilingScale(bounds.MaxX + 1, side),
            CeilingScale(bounds.MaxY + 1, side));

        static int FloorScale(int edge, int side) => (int)((long)edge * max / side);
        static int CeilingScale(int edge, int side) => (int)(((long)edge * max + side - 1) / side);
    }

    internal static void CheckShape(ReadOnlySpan<bool> mask, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (mask.Length != (long)width * height)
            throw new ArgumentException($"The mask has {mask.Length} values; a {width}x{height} mask has {(long)width * height}.", nameof(mask));
    }
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// Draws thin outlines of <see cref="NormalizedBox"/> and <see cref="NormalizedEllipse"/> onto an
/// image, one colour per item. Pixel (i, j) covers [i, i+1) × [j, j+1) in pixel coordinates, and
/// normalised x maps to pixels as x·W/1000 (y as y·H/1000).
/// </summary>
public static class OverlayRasterizer
{
    // Each pixel is probed on a 5×5 lattice (steps of ¼ px, edges included); arcs that dip into a
    // pixel by less than ¼ px between probes can be missed, a neighbour still shows them.
    private const int ProbesPerSide = 4;

    /// <summary>
    /// Colours the one-pixel outline of the pixels the box covers: the columns from ⌊x1·W/1000⌋ to
    /// ⌈x2·W/1000⌉ − 1 and likewise for rows (a zero-width box still gets one column).
    /// </summary>
    public static void DrawBox(Image<Rgb24> image, NormalizedBox box, Rgb24 colour)
    {
        (int left, int right) = CoveredPixels(box.X1, box.X2, image.Width);
        (int top, int bottom) = CoveredPixels(box.Y1, box.Y2, image.Height);
        for (int x = left; x <= right; x++)
        {
            image[x, top] = colour;
            image[x, bottom] = colour;
        }

        for (int y = top; y <= bottom; y++)
        {
            image[left, y] = colour;
            image[right, y] = colour;
        }
    }

    /// <summary>
    /// Colours every pixel the ellipse's boundary passes through: those whose probe points fall both
    /// inside and outside it. Each coloured pixel's centre is thus within √2/2 px of the curve. An
    /// ellipse too small to cross any probe still gets its centre pixel.
    /// </summary>
    public static void DrawEllipse(Image<Rgb24> image, NormalizedEllipse ellipse, Rgb24 colour)
    {
        int width = image.Width, height = image.Height;
        (double sin, double cos) = SinCosDegrees(ellipse.ThetaDegrees);
        double a = ellipse.RadiusMajor, b = ellipse.RadiusMinor;

        // Bounding box of the rotated ellipse in normalised units, then in pixels with a margin of one.
        double halfWidth = Math.Sqrt(a * cos * (a * cos) + b * sin * (b * sin));
        double halfHeight = Math.Sqrt(a * sin * (a * sin) + b * cos * (b * cos));
        int x0 = Math.Max(0, (int)Math.Floor((ellipse.CenterX - halfWidth) * width / NormalizedRange.Max) - 1);
        int x1 = Math.Min(width - 1, (int)Math.Ceiling((ellipse.CenterX + halfWidth) * width / NormalizedRange.Max) + 1);
        int y0 = Math.Max(0, (int)Math.Floor((ellipse.CenterY - halfHeight) * height / NormalizedRange.Max) - 1);
        int y1 = Math.Min(height - 1, (int)Math.Ceiling((ellipse.CenterY + halfHeight) * height / NormalizedRange.Max) + 1);

        bool drewAny = false;
        for (int py = y0; py <= y1; py++)
        {
            for (int px = x0; px <= x1; px++)
            {
                if (BoundaryCrossesPixel(px, py, width, height, ellipse, sin, cos))
                {
                    image[px, py] = colour;
                    drewAny = true;
                }
            }
        }

        if (!drewAny)
        {
            int cx = Math.Min(width - 1, (int)(ellipse.CenterX * width / NormalizedRange.Max));
            int cy = Math.Min(height - 1, (int)(ellipse.CenterY * height / NormalizedRange.Max));
            image[cx, cy] = colour;
        }
    }

    private static bool BoundaryCrossesPixel(int px, int py, int width, int height, NormalizedEllipse e, double sin, double cos)
    {
        bool anyInside = false, anyOutside = false;
        for (int j = 0; j <= ProbesPerSide; j++)
        {
            double ny = (py + (double)j / ProbesPerSide) * NormalizedRange.Max / height;
            for (int i = 0; i <= ProbesPerSide; i++)
            {
                double nx = (px + (double)i / ProbesPerSide) * NormalizedRange.Max / width;
                if (IsInside(nx, ny, e, sin, cos)) anyInside = true; else anyOutside = true;
                if (anyInside && anyOutside) return true;
            }
        }

        return false;
    }

    /// <summary>(u/a)² + (v/b)² &lt; 1 with (u, v) the point relative to the centre in the ellipse's axes.</summary>
    private static bool IsInside(double nx, double ny, NormalizedEllipse e, double sin, double cos)
    {
        double dx = nx - e.CenterX, dy = ny - e.CenterY;
        double u = (dx * cos + dy * sin) / e.RadiusMajor;
        double v = (dy * cos - dx * sin) / e.RadiusMinor;
        return u * u + v * v < 1;
    }

    /// <summary>sin and cos of an angle in degrees, exact at 0° and 90° so axis-aligned ellipses are exactly symmetric.</summary>
    private static (double Sin, double Cos) SinCosDegrees(double degrees) => degrees switch
    {
        0 => (0, 1),
        90 => (1, 0),
        _ => Math.SinCos(degrees * Math.PI / 180),
    };

    private static (int First, int Last) CoveredPixels(double from, double to, int size)
    {
        int first = Math.Clamp((int)Math.Floor(from * size / NormalizedRange.Max), 0, size - 1);
        int last = Math.Clamp((int)Math.Ceiling(to * size / NormalizedRange.Max) - 1, first, size - 1);
        return (first, last);
    }
}

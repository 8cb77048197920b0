using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// Finds the objects of one palette colour in an image of the shapes dataset (docs/quality.md):
/// <list type="number">
/// <item>coverage α of the colour in every pixel (<see cref="ColorCoverage"/>);</item>
/// <item>core pixels (α ≥ <see cref="CoreAlpha"/>) joined into 8-connected components — one per object,
/// so two objects of one colour get two boxes;</item>
/// <item>each component's fringe: the partly covered pixels (0 &lt; α &lt; CoreAlpha) touching it;</item>
/// <item>sub-pixel edges: a pixel x covered α on the shape's left side starts the shape at x + 1 − √α, on its
/// right side ends it at x + √α; the box takes the extremes over the region. √α is the depth of a corner
/// (a wedge covers an area ∝ depth²), and the box's extremes are corners for every shape but circles and
/// ellipses; on ground truth it beats the straight-edge depth α (docs/quality.md);</item>
/// <item>to [0, 1000] as <see cref="MaskGeometry.ToNormalizedBox"/> rounds: the left/top edge down, the
/// right/bottom edge up;</item>
/// <item>regions smaller than <see cref="MinAreaFraction"/> of the image are dropped (specks where two other
/// colours blend into something like this one).</item>
/// </list>
/// </summary>
public static class ColorDetector
{
    /// <summary>A pixel at least half covered belongs to the object; less is an edge pixel.</summary>
    public const float CoreAlpha = 0.5f;

    /// <summary>
    /// 0.4 % of the image (4 pixels at 32x32). The smallest object, a small star, covers about 1 % (11 pixels
    /// at 32x32) and at most 10 % of it is hidden; a blend of two other colours that passes for this one
    /// is a line one pixel wide along their shared edge, a few pixels long at most.
    /// </summary>
    public const double MinAreaFraction = 0.004;

    /// <summary>The regions of <paramref name="color"/> in an RGB image ([side, side, 3] bytes, row-major, y down), largest first.</summary>
    public static IReadOnlyList<DetectedRegion> Detect(ReadOnlySpan<byte> rgb, int side, NamedColor color)
    {
        // 1. α per pixel. [side, side]
        var alpha = new float[side * side];
        ColorCoverage.Compute(rgb, side, color, alpha);

        // 2–4. Components of core pixels with their fringe, flood-filled from each unvisited core pixel.
        var label = new int[side * side]; // 0: none yet; k: core or fringe of component k
        var regions = new List<DetectedRegion>();
        var stack = new Stack<int>();
        for (int seed = 0; seed < alpha.Length; seed++)
        {
            if (alpha[seed] < CoreAlpha || label[seed] != 0)
                continue;
            int component = regions.Count + 1;
            double left = double.MaxValue, top = double.MaxValue, right = double.MinValue, bottom = double.MinValue;
            double area = 0;
            int core = 0;
            label[seed] = component;
            stack.Push(seed);
            while (stack.Count > 0)
            {
                int at = stack.Pop();
                int x = at % side, y = at / side;
                float a = alpha[at];
                area += a;
                // How far the shape reaches into the pixel: at a corner (the extremes of every shape but the
                // circle) the covered part is a wedge of area ∝ depth², so depth = √α.
                double d = Math.Sqrt(a);
                left = Math.Min(left, x + 1 - d);
                right = Math.Max(right, x + d);
                top = Math.Min(top, y + 1 - d);
                bottom = Math.Max(bottom, y + d);
                if (a < CoreAlpha)
                    continue; // a fringe pixel: part of the region, but the region grows only from core pixels
                core++;
                for (int ny = Math.Max(0, y - 1); ny <= Math.Min(side - 1, y + 1); ny++)
                {
                    for (int nx = Math.Max(0, x - 1); nx <= Math.Min(side - 1, x + 1); nx++)
                    {
                        int next = ny * side + nx;
                        if (label[next] == 0 && alpha[next] > 0)
                        {
                            label[next] = component;
                            stack.Push(next);
                        }
                    }
                }
            }
            regions.Add(new DetectedRegion(ToNormalizedBox(left, top, right, bottom, side), area, core));
        }

        // 6. Keep regions of plausible size.
        double minArea = MinAreaFraction * side * side;
        return regions.Where(r => r.Area >= minArea).OrderByDescending(r => r.Area).ToArray();
    }

    /// <summary>The regions of <paramref name="color"/> in an RGB image.</summary>
    public static IReadOnlyList<DetectedRegion> Detect(Image<Rgb24> image, NamedColor color)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != image.Height)
            throw new ArgumentException($"The image is {image.Width}x{image.Height}; the detector reads square images.", nameof(image));
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return Detect(rgb, image.Width, color);
    }

    /// <summary>Edges in pixels (continuous, [0, side]) to [0, 1000]: left/top rounded down, right/bottom up, as MaskGeometry does.</summary>
    internal static BoundingBox ToNormalizedBox(double left, double top, double right, double bottom, int side)
    {
        const int max = LatentRanges.CoordinateMax;
        return new BoundingBox(Down(left), Down(top), Up(right), Up(bottom));

        int Down(double edge) => Math.Clamp((int)Math.Floor(edge * max / side), 0, max);
        int Up(double edge) => Math.Clamp((int)Math.Ceiling(edge * max / side), 0, max);
    }
}

using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Evaluation;

/// <summary>Intersection over union of boxes in the latents' coordinates, each box the rectangle [x1, x2] x [y1, y2].</summary>
public static class BoxOverlap
{
    /// <summary>|A ∩ B| / |A ∪ B| in [0, 1]; 0 when the union has no area (both boxes degenerate).</summary>
    public static double IntersectionOverUnion(BoundingBox a, BoundingBox b)
    {
        long width = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1));
        long height = Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1));
        long intersection = width * height;
        long union = Area(a) + Area(b) - intersection;
        return union == 0 ? 0 : (double)intersection / union;
    }

    public static long Area(BoundingBox box) => (long)(box.X2 - box.X1) * (box.Y2 - box.Y1);
}

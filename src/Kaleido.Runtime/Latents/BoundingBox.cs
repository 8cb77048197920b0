namespace Kaleido.Runtime.Latents;

/// <summary>
/// A detection box "(x1, y1, x2, y2)": top-left and bottom-right corners, each coordinate an
/// integer in [0, 1000] (Appendix A, "Detection bounding boxes"), with x1 &lt;= x2 and y1 &lt;= y2.
/// </summary>
public readonly record struct BoundingBox
{
    public BoundingBox(int x1, int y1, int x2, int y2)
    {
        if (FindProblem(x1, y1, x2, y2) is { } problem)
            throw new ArgumentException($"Invalid bounding box ({x1}, {y1}, {x2}, {y2}): {problem}.");
        X1 = x1;
        Y1 = y1;
        X2 = x2;
        Y2 = y2;
    }

    public int X1 { get; }
    public int Y1 { get; }
    public int X2 { get; }
    public int Y2 { get; }

    /// <summary>Null when the values make a valid box, else what is wrong with them.</summary>
    public static string? FindProblem(int x1, int y1, int x2, int y2)
    {
        const int max = LatentRanges.CoordinateMax;
        if (x1 is < 0 or > max) return $"expected x1 in [0, {max}] but found {x1}";
        if (y1 is < 0 or > max) return $"expected y1 in [0, {max}] but found {y1}";
        if (x2 is < 0 or > max) return $"expected x2 in [0, {max}] but found {x2}";
        if (y2 is < 0 or > max) return $"expected y2 in [0, {max}] but found {y2}";
        if (x2 < x1) return $"expected x2 >= x1 ({x1}) but found {x2}";
        if (y2 < y1) return $"expected y2 >= y1 ({y1}) but found {y2}";
        return null;
    }
}

namespace Kaleido.Runtime.Latents;

/// <summary>The numbers inside the parentheses of a grounded phrase: their names, ranges and orderings.</summary>
internal sealed record RegionShape(
    string RegionName,
    string[] Names,
    int[] Maxima,
    string[] RangeTexts,
    (int Smaller, int Larger)[] Orderings)
{
    const string CoordinateRange = "[0, 1000]";

    /// <summary>(x1, y1, x2, y2) with x1 &lt;= x2, y1 &lt;= y2.</summary>
    public static RegionShape Box { get; } = new(
        "bounding box",
        ["x1", "y1", "x2", "y2"],
        [LatentRanges.CoordinateMax, LatentRanges.CoordinateMax, LatentRanges.CoordinateMax, LatentRanges.CoordinateMax],
        [CoordinateRange, CoordinateRange, CoordinateRange, CoordinateRange],
        [(0, 2), (1, 3)]);

    /// <summary>(xc, yc, r_major, r_minor, theta) with r_minor &lt;= r_major, theta in [0, 180).</summary>
    public static RegionShape Blob { get; } = new(
        "blob",
        ["xc", "yc", "r_major", "r_minor", "theta"],
        [LatentRanges.CoordinateMax, LatentRanges.CoordinateMax, LatentRanges.CoordinateMax, LatentRanges.CoordinateMax, LatentRanges.ThetaLimit - 1],
        [CoordinateRange, CoordinateRange, CoordinateRange, CoordinateRange, "[0, 180)"],
        [(3, 2)]);
}

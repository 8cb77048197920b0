namespace Kaleido.Runtime.Imaging;

/// <summary>
/// An axis-aligned box in normalised image coordinates: 0..1000 across the width (x, left to right)
/// and the height (y, top to bottom), so (0, 0, 1000, 1000) is the whole image.
/// </summary>
public readonly record struct NormalizedBox
{
    public NormalizedBox(double x1, double y1, double x2, double y2)
    {
        NormalizedRange.Check(x1, nameof(x1));
        NormalizedRange.Check(y1, nameof(y1));
        NormalizedRange.Check(x2, nameof(x2));
        NormalizedRange.Check(y2, nameof(y2));
        if (x2 < x1 || y2 < y1)
        {
            throw new ArgumentException($"Expected x1 <= x2 and y1 <= y2, got box ({x1}, {y1}, {x2}, {y2}).");
        }

        (X1, Y1, X2, Y2) = (x1, y1, x2, y2);
    }

    public double X1 { get; }
    public double Y1 { get; }
    public double X2 { get; }
    public double Y2 { get; }
}

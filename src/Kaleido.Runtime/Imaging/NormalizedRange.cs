namespace Kaleido.Runtime.Imaging;

/// <summary>The normalised coordinate range shared by overlay geometry: 0..1000 across each image side.</summary>
internal static class NormalizedRange
{
    public const double Max = 1000;

    public static void Check(double value, string name)
    {
        if (!(value >= 0 && value <= Max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected a normalised coordinate in [0, {Max}].");
        }
    }
}

namespace Kaleido.Export.Toy;

/// <summary>
/// Samples counted by the mode whose centre is nearest, per class the samples were drawn for. The share of
/// mode m in class c is (class-c samples nearest m) / (class-c samples). Immutable.
/// </summary>
public sealed class ToyModeShares
{
    readonly int[,] _counts;       // [class, mode]
    readonly int[] _classTotals;   // [class]

    ToyModeShares(int[,] counts, int[] classTotals)
    {
        _counts = counts;
        _classTotals = classTotals;
    }

    /// <summary>Counts <paramref name="points"/> ([N, 2] row-major) drawn for <paramref name="classes"/> ([N]).</summary>
    public static ToyModeShares Count(ToyMixture mixture, ReadOnlySpan<float> points, IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(classes);
        if (points.Length != classes.Count * 2)
            throw new ArgumentException($"{points.Length} values are not one 2-D point per class label ({classes.Count}).", nameof(points));

        var counts = new int[mixture.ClassCount, mixture.Modes.Count];
        var totals = new int[mixture.ClassCount];
        for (int i = 0; i < classes.Count; i++)
        {
            int c = classes[i];
            if ((uint)c >= (uint)mixture.ClassCount)
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"Class labels must be in 0..{mixture.ClassCount - 1}.");
            counts[c, mixture.NearestMode(points[2 * i], points[2 * i + 1])]++;
            totals[c]++;
        }
        return new ToyModeShares(counts, totals);
    }

    /// <summary>Class-<paramref name="classIndex"/> samples nearest mode <paramref name="modeIndex"/>.</summary>
    public int Samples(int classIndex, int modeIndex) => _counts[classIndex, modeIndex];

    /// <summary>Samples drawn for class <paramref name="classIndex"/>.</summary>
    public int ClassTotal(int classIndex) => _classTotals[classIndex];

    /// <summary>The share of class <paramref name="classIndex"/>'s samples nearest mode <paramref name="modeIndex"/> (NaN with no samples).</summary>
    public double Share(int classIndex, int modeIndex) =>
        _classTotals[classIndex] == 0 ? double.NaN : (double)_counts[classIndex, modeIndex] / _classTotals[classIndex];
}

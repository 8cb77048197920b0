using Kaleido.Runtime;

namespace Kaleido.Cli.Bench;

/// <summary>
/// Several measurements of one quantity: median and spread (min–max and the interquartile range). On a shared,
/// noisy machine the median is the number to compare; the spread says how far to trust it.
/// </summary>
/// <param name="Count">How many measurements.</param>
/// <param name="Median">The middle value (mean of the two middle ones for an even count).</param>
/// <param name="Q1">First quartile, by linear interpolation between order statistics.</param>
/// <param name="Q3">Third quartile, likewise.</param>
public sealed record TimingSummary(int Count, double Median, double Min, double Max, double Q1, double Q3)
{
    /// <summary>Summarises <paramref name="values"/> (at least one, all finite).</summary>
    public static TimingSummary Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("At least one measurement is needed.", nameof(values));
        double[] sorted = [.. values.Order()];
        if (!double.IsFinite(sorted[0]) || !double.IsFinite(sorted[^1]))
            throw new ArgumentException("Measurements must be finite.", nameof(values));
        return new TimingSummary(sorted.Length, Quantile(sorted, 0.5), sorted[0], sorted[^1], Quantile(sorted, 0.25), Quantile(sorted, 0.75));
    }

    /// <summary>Every statistic times a non-negative <paramref name="factor"/> (a unit change, e.g. s → ms).</summary>
    public TimingSummary Scaled(double factor) =>
        factor >= 0
            ? new TimingSummary(Count, Median * factor, Min * factor, Max * factor, Q1 * factor, Q3 * factor)
            : throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must not be negative.");

    /// <summary>
    /// <paramref name="numerator"/> / value for every statistic (e.g. seconds per image → images per second); min and max,
    /// and the quartiles, swap places because the map is decreasing. The median of the inverses is the inverse of the median.
    /// </summary>
    public TimingSummary Inverted(double numerator) =>
        new(Count, numerator / Median, numerator / Max, numerator / Min, numerator / Q3, numerator / Q1);

    /// <summary>The value at fraction <paramref name="p"/> of the sorted values (type 7, as numpy's default).</summary>
    static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

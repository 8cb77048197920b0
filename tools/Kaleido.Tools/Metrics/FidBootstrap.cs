namespace Kaleido.Tools.Metrics;

/// <summary>
/// A percentile bootstrap interval for FID over the generated images: resample the generated features with
/// replacement, refit their Gaussian, and take the FID quantiles. The real set stays fixed (it is the same in every
/// cell a study compares), so the interval is the spread that the choice of generated images alone gives.
/// </summary>
public static class FidBootstrap
{
    public const int DefaultResamples = 1000;

    /// <summary>The central <paramref name="level"/> interval of FID; the same <paramref name="seed"/> gives the same interval.</summary>
    public static (double Low, double High) Interval(
        FeatureSet real, FeatureSet generated, int resamples = DefaultResamples, int seed = 1, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "expected a level between 0 and 1");

        GaussianStatistics realStatistics = GaussianStatistics.Of(real);
        var random = new Random(seed);
        int n = generated.Count;
        var rows = new double[n][];
        var fids = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < n; i++)
                rows[i] = generated.Row(random.Next(n)).ToArray();
            fids[r] = FrechetDistance.Compute(realStatistics, GaussianStatistics.Of(FeatureSet.From(rows, "resampled")));
        }
        Array.Sort(fids);
        double tail = (1 - level) / 2;
        return (Quantile(fids, tail), Quantile(fids, 1 - tail));
    }

    /// <summary>Linear interpolation between order statistics of a sorted array (numpy's default).</summary>
    static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

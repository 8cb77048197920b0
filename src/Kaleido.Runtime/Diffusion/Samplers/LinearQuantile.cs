namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// The quantile numpy and torch compute by default ("linear", Hyndman &amp; Fan type 7): with the n values
/// sorted ascending as a[0..n−1], h = p·(n − 1), q = a[⌊h⌋] + (h − ⌊h⌋)·(a[⌊h⌋ + 1] − a[⌊h⌋]).
/// </summary>
public static class LinearQuantile
{
    /// <summary>
    /// Sorts <paramref name="values"/> in place (it is scratch) and returns its p-quantile, p in [0, 1].
    /// </summary>
    public static double OfScratch(Span<float> values, double p)
    {
        if (values.IsEmpty)
            throw new ArgumentException("The quantile of no values is undefined.", nameof(values));
        if (!(p >= 0.0 && p <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(p), p, "The quantile level p must be in [0, 1].");

        values.Sort();
        double h = p * (values.Length - 1);
        int below = (int)Math.Floor(h);
        if (below >= values.Length - 1)
            return values[^1];
        double fraction = h - below;
        return values[below] + fraction * ((double)values[below + 1] - values[below]);
    }
}

namespace Kaleido.Tools.Metrics;

/// <summary>Improved precision and recall of a generated set against a real set, both in [0, 1].</summary>
public readonly record struct PrecisionRecallResult(double Precision, double Recall);

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union of balls around its
/// points, ball i having squared radius r_i² = the squared distance to the k-th nearest other point of the same set.
/// f(φ, Φ) = 1 when some φ′ ∈ Φ has ‖φ − φ′‖² ≤ r(φ′)². Precision = mean over generated φ_g of f(φ_g, Φ_real);
/// recall = mean over real φ_r of f(φ_r, Φ_gen).
/// </summary>
/// <remarks>
/// Distances are squared Euclidean, ‖u‖² − 2u·v + ‖v‖² clamped at 0, as in the reference code. "Excluding itself"
/// means excluding the point's own index: a duplicate of a point is a neighbour at distance 0. Cost O(N·M·D).
/// </remarks>
public static class PrecisionRecall
{
    /// <summary>k of the paper's protocol.</summary>
    public const int DefaultNeighbourhood = 3;

    public static PrecisionRecallResult Compute(FeatureSet real, FeatureSet generated, int k = DefaultNeighbourhood)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        if (real.Dimension != generated.Dimension)
            throw new ArgumentException($"The real features have {real.Dimension} dimensions, the generated ones {generated.Dimension}; they must match.");
        var realRadii = KthNeighbourRadii(real, k, "real");
        var generatedRadii = KthNeighbourRadii(generated, k, "generated");
        double precision = ShareInsideManifold(generated, real, realRadii);
        double recall = ShareInsideManifold(real, generated, generatedRadii);
        return new PrecisionRecallResult(precision, recall);
    }

    /// <summary>r_i² for every point i: the squared distance to its k-th nearest neighbour in the same set, itself excluded.</summary>
    public static double[] KthNeighbourRadii(FeatureSet set, int k = DefaultNeighbourhood, string name = "feature")
    {
        ArgumentNullException.ThrowIfNull(set);
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (set.Count <= k)
            throw new ArgumentException($"The {name} set has {set.Count} points; the k-th neighbour with k = {k} needs at least {k + 1}.", nameof(set));

        var squaredNorms = SquaredNorms(set);
        var radii = new double[set.Count];
        var nearest = new double[k]; // the k smallest distances so far, ascending
        for (int i = 0; i < set.Count; i++)
        {
            nearest.AsSpan().Fill(double.PositiveInfinity);
            for (int j = 0; j < set.Count; j++)
            {
                if (j == i)
                    continue;
                double distance = SquaredDistance(set.Row(i), squaredNorms[i], set.Row(j), squaredNorms[j]);
                if (distance < nearest[k - 1])
                    InsertSorted(nearest, distance);
            }
            radii[i] = nearest[k - 1];
        }
        return radii;
    }

    /// <summary>The share of <paramref name="queries"/> inside at least one ball of <paramref name="manifold"/>.</summary>
    private static double ShareInsideManifold(FeatureSet queries, FeatureSet manifold, double[] radii)
    {
        var queryNorms = SquaredNorms(queries);
        var manifoldNorms = SquaredNorms(manifold);
        int inside = 0;
        for (int i = 0; i < queries.Count; i++)
        {
            for (int j = 0; j < manifold.Count; j++)
            {
                if (SquaredDistance(queries.Row(i), queryNorms[i], manifold.Row(j), manifoldNorms[j]) <= radii[j])
                {
                    inside++;
                    break;
                }
            }
        }
        return (double)inside / queries.Count;
    }

    /// <summary>‖u‖² − 2u·v + ‖v‖², clamped at 0 (rounding can make it slightly negative for near-equal points).</summary>
    private static double SquaredDistance(ReadOnlySpan<double> u, double uNorm, ReadOnlySpan<double> v, double vNorm)
    {
        double dot = 0;
        for (int d = 0; d < u.Length; d++)
            dot += u[d] * v[d];
        return Math.Max(uNorm - 2 * dot + vNorm, 0);
    }

    private static double[] SquaredNorms(FeatureSet set)
    {
        var norms = new double[set.Count];
        for (int i = 0; i < set.Count; i++)
        {
            var row = set.Row(i);
            double sum = 0;
            for (int d = 0; d < row.Length; d++)
                sum += row[d] * row[d];
            norms[i] = sum;
        }
        return norms;
    }

    /// <summary>Inserts <paramref name="value"/> into the ascending array, dropping its largest entry.</summary>
    private static void InsertSorted(double[] ascending, double value)
    {
        int position = ascending.Length - 1;
        while (position > 0 && ascending[position - 1] > value)
        {
            ascending[position] = ascending[position - 1];
            position--;
        }
        ascending[position] = value;
    }
}

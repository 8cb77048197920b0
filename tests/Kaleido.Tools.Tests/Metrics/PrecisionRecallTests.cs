using Kaleido.Tools.Metrics;

namespace Kaleido.Tools.Tests.Metrics;

public sealed class PrecisionRecallTests
{
    [Fact]
    public void KthNeighbourRadii_TinyExample_MatchHandComputedValues()
    {
        // Points 0, 1, 3, 7, 8 on a line; squared distances to the others, sorted, third one (k = 3):
        // 0: 1, 9, 49, 64 → 49.  1: 1, 4, 36, 49 → 36.  3: 4, 9, 16, 25 → 16.  7: 1, 16, 36, 49 → 36.  8: 1, 25, 49, 64 → 49.
        var set = Line(0, 1, 3, 7, 8);
        Assert.Equal([49.0, 36, 16, 36, 49], PrecisionRecall.KthNeighbourRadii(set, k: 3));
        Assert.Equal([1.0, 1, 4, 1, 1], PrecisionRecall.KthNeighbourRadii(set, k: 1));
    }

    [Fact]
    public void KthNeighbourRadii_DuplicateCountsAsANeighbourAtZero()
    {
        Assert.Equal([0.0, 0, 4], PrecisionRecall.KthNeighbourRadii(Line(5, 5, 7), k: 1));
    }

    [Fact]
    public void TinyExample_PrecisionAndRecallByHand()
    {
        // Real 0, 1, 3, 7, 8 with k = 1 radii² 1, 1, 4, 1, 1. Generated 0.5, 4.5, 20, 21 (radii² 16, 16, 1, 1).
        // Generated inside a real ball: 0.5 (|0.5 − 0|² ≤ 1) yes; 4.5 (|4.5 − 3|² = 2.25 ≤ 4) yes; 20, 21 no → 0.5.
        // Real inside a generated ball: 0, 1, 3, 7, 8 all within 4 of 0.5 or 4.5 (16) → 1.
        var result = PrecisionRecall.Compute(Line(0, 1, 3, 7, 8), Line(0.5, 4.5, 20, 21), k: 1);
        Assert.Equal(0.5, result.Precision);
        Assert.Equal(1.0, result.Recall);
    }

    [Fact]
    public void IdenticalSets_HavePrecisionAndRecallOne()
    {
        var set = Cluster(new Random(4), [0, 0, 0], spread: 1, count: 60);
        var result = PrecisionRecall.Compute(set, set);
        Assert.Equal(1.0, result.Precision);
        Assert.Equal(1.0, result.Recall);
    }

    [Fact]
    public void FarApartSets_HavePrecisionAndRecallZero()
    {
        var random = new Random(5);
        var result = PrecisionRecall.Compute(Cluster(random, [0, 0, 0], 1, 50), Cluster(random, [100, 0, 0], 1, 50));
        Assert.Equal(0.0, result.Precision);
        Assert.Equal(0.0, result.Recall);
    }

    [Fact]
    public void GeneratedSetCoveringHalfTheModes_HasRecallHalfAndPrecisionOne()
    {
        // Real: four well-separated modes of 200 points. Generated: fresh draws from two of them.
        // Recall can be at most 0.5 (the other modes are 50 spreads away); a real point of a covered mode falls
        // outside every generated ball only at the edge of the cloud, so we allow 5% of the real set: [0.45, 0.5].
        // Precision: every generated point comes from a real mode; the same edge allowance: ≥ 0.95.
        var random = new Random(6);
        double[][] modes = [[0, 0], [50, 0], [0, 50], [50, 50]];
        var real = Concat(modes.Select(m => Cluster(random, m, spread: 1, count: 200)));
        var generated = Concat(modes.Take(2).Select(m => Cluster(random, m, spread: 1, count: 200)));

        var result = PrecisionRecall.Compute(real, generated);

        Assert.InRange(result.Recall, 0.45, 0.5);
        Assert.InRange(result.Precision, 0.95, 1.0);
    }

    [Fact]
    public void TooFewPoints_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PrecisionRecall.Compute(Line(0, 1, 2), Line(0, 1, 2, 3)));
        Assert.Contains("needs at least 4", error.Message);
    }

    private static FeatureSet Line(params double[] values) =>
        FeatureSet.From(values.Select(v => new[] { v }).ToList(), "line");

    private static FeatureSet Cluster(Random random, double[] centre, double spread, int count) =>
        FeatureSet.From(Enumerable.Range(0, count)
            .Select(_ => centre.Select(c => c + spread * Gaussian(random)).ToArray()).ToList(), "cluster");

    private static FeatureSet Concat(IEnumerable<FeatureSet> sets)
    {
        var rows = new List<double[]>();
        foreach (var set in sets)
            for (int i = 0; i < set.Count; i++)
                rows.Add(set.Row(i).ToArray());
        return FeatureSet.From(rows, "union");
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using Kaleido.Tools.Metrics;

namespace Kaleido.Tools.Tests.Metrics;

public sealed class FrechetDistanceTests
{
    [Fact]
    public void IdenticalSets_HaveZeroDistance()
    {
        var features = RandomFeatures(new Random(1), count: 200, dimension: 16, shift: 0.5);
        double fid = FrechetDistance.Compute(features, features);
        Assert.True(Math.Abs(fid) < 1e-9, $"FID of a set with itself is {fid}");
    }

    [Fact]
    public void IsSymmetric()
    {
        var random = new Random(2);
        var a = RandomFeatures(random, count: 150, dimension: 12, shift: 0);
        var b = RandomFeatures(random, count: 90, dimension: 12, shift: 0.3);
        double ab = FrechetDistance.Compute(a, b), ba = FrechetDistance.Compute(b, a);
        Assert.True(ab > 0.1);
        Assert.True(Math.Abs(ab - ba) < 1e-9 * ab, $"FID(a, b) = {ab}, FID(b, a) = {ba}");
    }

    [Fact]
    public void DiagonalGaussians_MatchTheClosedForm()
    {
        // Commuting covariances: FID = ‖Δμ‖² + Σᵢ (√aᵢ − √bᵢ)².
        double[] a = [1, 4, 0.25, 9], b = [4, 1, 1, 9];
        double[] muR = [0, 1, 2, 3], muG = [1, 1, 0, 3];
        double expected = 1 + 0 + 4 + 0 + (1 - 2) * (1 - 2) + (2 - 1) * (2 - 1) + (0.5 - 1) * (0.5 - 1) + 0;
        double fid = FrechetDistance.Compute(new GaussianStatistics(muR, Diagonal(a)), new GaussianStatistics(muG, Diagonal(b)));
        Assert.Equal(expected, fid, 10);
    }

    [Theory]
    [InlineData(0.3, 1.1)]
    [InlineData(0.0, 0.7)]
    [InlineData(-1.2, 2.5)]
    public void RotatedTwoDimensionalGaussians_MatchTheClosedForm(double angleR, double angleG)
    {
        // Non-commuting 2×2 covariances Σ = R(θ)·diag·R(θ)ᵀ. For a 2×2 matrix with non-negative eigenvalues
        // λ₁, λ₂: Tr sqrt = √λ₁ + √λ₂ = sqrt(λ₁ + λ₂ + 2√(λ₁λ₂)) = sqrt(Tr M + 2√det M), and Σ_r·Σ_g has
        // Tr = Tr(Σ_r Σ_g), det = det Σ_r · det Σ_g.
        var sigmaR = Rotated(angleR, 3.0, 0.5);
        var sigmaG = Rotated(angleG, 0.2, 2.0);
        double[] muR = [0.5, -1], muG = [2, 1];

        double traceProduct = 0;
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 2; k++)
                traceProduct += sigmaR[i, k] * sigmaG[k, i];
        double determinants = Determinant(sigmaR) * Determinant(sigmaG);
        double traceSqrt = Math.Sqrt(traceProduct + 2 * Math.Sqrt(determinants));
        double expected = (0.5 - 2) * (0.5 - 2) + (-1 - 1) * (-1 - 1)
            + sigmaR[0, 0] + sigmaR[1, 1] + sigmaG[0, 0] + sigmaG[1, 1] - 2 * traceSqrt;

        double fid = FrechetDistance.Compute(new GaussianStatistics(muR, sigmaR), new GaussianStatistics(muG, sigmaG));
        Assert.Equal(expected, fid, 10);
    }

    [Fact]
    public void Statistics_AreTheMeanAndUnbiasedCovariance()
    {
        // Points (0, 0), (2, 0), (0, 2), (2, 2): μ = (1, 1); Σ = diag(4/3, 4/3) with N − 1 = 3.
        var features = FeatureSet.From(new List<double[]> { new[] { 0.0, 0 }, new[] { 2.0, 0 }, new[] { 0.0, 2 }, new[] { 2.0, 2 } }, "test");
        var statistics = GaussianStatistics.Of(features);
        Assert.Equal([1.0, 1.0], statistics.Mean);
        Assert.Equal(4.0 / 3, statistics.Covariance[0, 0], 12);
        Assert.Equal(4.0 / 3, statistics.Covariance[1, 1], 12);
        Assert.Equal(0, statistics.Covariance[0, 1], 12);
    }

    [Fact]
    public void MismatchedDimensions_Throw()
    {
        var random = new Random(3);
        var error = Assert.Throws<ArgumentException>(() =>
            FrechetDistance.Compute(RandomFeatures(random, 10, 3, 0), RandomFeatures(random, 10, 4, 0)));
        Assert.Contains("3 dimensions", error.Message);
    }

    private static FeatureSet RandomFeatures(Random random, int count, int dimension, double shift)
    {
        var rows = new List<double[]>();
        for (int i = 0; i < count; i++)
            rows.Add(Enumerable.Range(0, dimension).Select(d => Gaussian(random) * (1 + 0.1 * d) + shift).ToArray());
        return FeatureSet.From(rows, "random");
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[,] Diagonal(double[] values)
    {
        var m = new double[values.Length, values.Length];
        for (int i = 0; i < values.Length; i++)
            m[i, i] = values[i];
        return m;
    }

    private static double[,] Rotated(double angle, double first, double second)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        // R·diag(first, second)·Rᵀ with R = [[c, −s], [s, c]].
        return new double[,]
        {
            { c * c * first + s * s * second, c * s * (first - second) },
            { c * s * (first - second), s * s * first + c * c * second },
        };
    }

    private static double Determinant(double[,] m) => m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
}

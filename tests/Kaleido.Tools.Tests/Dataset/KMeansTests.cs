using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Tests.Dataset;

public sealed class KMeansTests
{
    const int Dimension = 6;

    [Fact]
    public void Fit_OnObviousClusters_FindsTheirCentres()
    {
        var random = new Random(77);
        double[][] centres = Enumerable.Range(0, 5)
            .Select(_ => Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() * 10).ToArray())
            .ToArray();
        // Make sure the clusters are far apart compared with their spread of 0.05.
        for (int i = 0; i < centres.Length; i++)
            for (int j = 0; j < i; j++)
                Assert.True(Distance(centres[i], centres[j]) > 2);
        const int perCluster = 40;
        var points = new float[centres.Length * perCluster * Dimension];
        var means = new double[centres.Length, Dimension];
        for (int p = 0; p < centres.Length * perCluster; p++)
        {
            int cluster = p % centres.Length;
            for (int d = 0; d < Dimension; d++)
            {
                float value = (float)(centres[cluster][d] + (random.NextDouble() - 0.5) * 0.1);
                points[p * Dimension + d] = value;
                means[cluster, d] += value / perCluster;
            }
        }

        float[] found = KMeans.Fit(points, Dimension, centres.Length, iterations: 20, seed: 3);

        // Each cluster's mean is matched by exactly one centroid.
        var matched = new HashSet<int>();
        for (int cluster = 0; cluster < centres.Length; cluster++)
        {
            double[] mean = Enumerable.Range(0, Dimension).Select(d => means[cluster, d]).ToArray();
            int nearest = Enumerable.Range(0, centres.Length)
                .OrderBy(c => Distance(mean, found.AsSpan(c * Dimension, Dimension).ToArray().Select(v => (double)v).ToArray()))
                .First();
            double[] centroid = found.AsSpan(nearest * Dimension, Dimension).ToArray().Select(v => (double)v).ToArray();
            Assert.True(Distance(mean, centroid) < 1e-4, $"cluster {cluster}: centroid {Distance(mean, centroid)} from the mean");
            Assert.True(matched.Add(nearest), "two clusters share a centroid");
        }
    }

    [Fact]
    public void Fit_WithTheSameSeed_GivesTheSameCentroids()
    {
        var random = new Random(5);
        float[] points = Enumerable.Range(0, 300 * Dimension).Select(_ => (float)random.NextDouble()).ToArray();

        float[] first = KMeans.Fit(points, Dimension, 8, 10, seed: 9);
        float[] second = KMeans.Fit(points, Dimension, 8, 10, seed: 9);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_WithFewerDistinctPointsThanK_RepeatsPoints()
    {
        float[] points = [0, 0, 0, 0, 1, 1, 1, 1];

        float[] centroids = KMeans.Fit(points, 2, 3, 5, seed: 1);

        Assert.Equal(6, centroids.Length);
        Assert.Contains((0f, 0f), Pairs(centroids));
        Assert.Contains((1f, 1f), Pairs(centroids));
    }

    [Fact]
    public void Nearest_PrefersTheLowestIndexOnTies()
    {
        float[] centroids = [1, 0, -1, 0, 1, 0];

        Assert.Equal(0, KMeans.Nearest(centroids, 3, [0f, 0f]));
        Assert.Equal(1, KMeans.Nearest(centroids, 3, [-0.9f, 0.1f]));
    }

    static IEnumerable<(float, float)> Pairs(float[] values)
    {
        for (int i = 0; i < values.Length; i += 2)
            yield return (values[i], values[i + 1]);
    }

    static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}

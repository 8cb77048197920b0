using System.Runtime.Intrinsics;

namespace Kaleido.Tools.Dataset;

/// <summary>
/// Deterministic k-means: k-means++ seeding from a fixed seed, then at most a fixed number of
/// Lloyd iterations (stopping early once no point changes cluster, which is a fixed point).
/// Single-threaded with sums in a fixed order, so the same input gives the same centroids bit for bit.
/// </summary>
public static class KMeans
{
    /// <summary>
    /// Centroids [k, dimension] of <paramref name="points"/> ([n, dimension], row-major). When the
    /// points have fewer than k distinct values, the extra centroids repeat points (codes that
    /// nearest-centroid search, preferring the lowest index, never picks). An empty cluster keeps its centroid.
    /// </summary>
    public static float[] Fit(ReadOnlySpan<float> points, int dimension, int k, int iterations, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (points.Length == 0 || points.Length % dimension != 0)
            throw new ArgumentException($"Expected a non-empty [n, {dimension}] array; found {points.Length} values.", nameof(points));
        int n = points.Length / dimension;

        float[] centroids = SeedPlusPlus(points, n, dimension, k, new SceneRandom(seed));

        var assignment = new int[n];
        Array.Fill(assignment, -1);
        var sums = new double[k * dimension];
        var counts = new int[k];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            // Assignment step.
            bool changed = false;
            for (int p = 0; p < n; p++)
            {
                int nearest = Nearest(centroids, k, points.Slice(p * dimension, dimension));
                changed |= nearest != assignment[p];
                assignment[p] = nearest;
            }
            if (!changed)
                break;

            // Update step: each centroid moves to the mean of its points.
            Array.Clear(sums);
            Array.Clear(counts);
            for (int p = 0; p < n; p++)
            {
                int c = assignment[p];
                counts[c]++;
                ReadOnlySpan<float> point = points.Slice(p * dimension, dimension);
                for (int d = 0; d < dimension; d++)
                    sums[c * dimension + d] += point[d];
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0) continue;
                for (int d = 0; d < dimension; d++)
                    centroids[c * dimension + d] = (float)(sums[c * dimension + d] / counts[c]);
            }
        }
        return centroids;
    }

    /// <summary>The index of the centroid nearest to <paramref name="point"/> (squared L2); ties go to the lowest index.</summary>
    public static int Nearest(ReadOnlySpan<float> centroids, int k, ReadOnlySpan<float> point)
    {
        int dimension = point.Length;
        int best = 0;
        float bestDistance = float.PositiveInfinity;
        for (int c = 0; c < k; c++)
        {
            float distance = SquaredDistance(centroids.Slice(c * dimension, dimension), point, bestDistance);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    /// <summary>
    /// Sum of squared differences in a fixed order: four 128-bit lanes (the same width on every
    /// machine, so the same bits everywhere), lanes added left to right, then the scalar rest. Stops
    /// early, returning a partial sum, once the sum passes <paramref name="bound"/>: partial sums of
    /// non-negative terms only grow, so a candidate that stops early loses either way.
    /// </summary>
    static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float bound = float.PositiveInfinity)
    {
        const int chunk = 32;
        int width = Vector128<float>.Count;
        var sum = Vector128<float>.Zero;
        int d = 0;
        for (; d + width <= a.Length; d += width)
        {
            Vector128<float> difference = Vector128.Create(a.Slice(d, width)) - Vector128.Create(b.Slice(d, width));
            sum += difference * difference;
            if ((d + width) % chunk == 0 && HorizontalSum(sum) > bound)
                return HorizontalSum(sum);
        }
        float total = HorizontalSum(sum);
        for (; d < a.Length; d++)
        {
            float difference = a[d] - b[d];
            total += difference * difference;
        }
        return total;
    }

    static float HorizontalSum(Vector128<float> v) => v.GetElement(0) + v.GetElement(1) + v.GetElement(2) + v.GetElement(3);

    /// <summary>
    /// k-means++ (Arthur and Vassilvitskii, 2007): the first centroid is a uniform pick, each next
    /// one a point drawn with probability proportional to D(x)^2, its squared distance to the
    /// nearest centroid chosen so far. When every D(x)^2 is 0, a uniform pick.
    /// </summary>
    static float[] SeedPlusPlus(ReadOnlySpan<float> points, int n, int dimension, int k, SceneRandom random)
    {
        var centroids = new float[k * dimension];
        var nearestSquared = new float[n];
        Array.Fill(nearestSquared, float.PositiveInfinity);
        int chosen = random.NextInt(n);
        for (int c = 0; c < k; c++)
        {
            if (c > 0)
                chosen = DrawProportional(nearestSquared, random);
            ReadOnlySpan<float> centroid = points.Slice(chosen * dimension, dimension);
            centroid.CopyTo(centroids.AsSpan(c * dimension, dimension));
            for (int p = 0; p < n; p++)
            {
                float distance = SquaredDistance(points.Slice(p * dimension, dimension), centroid, nearestSquared[p]);
                if (distance < nearestSquared[p])
                    nearestSquared[p] = distance;
            }
        }
        return centroids;
    }

    static int DrawProportional(float[] weights, SceneRandom random)
    {
        double total = 0;
        foreach (double weight in weights)
            total += weight;
        if (total <= 0)
            return random.NextInt(weights.Length);
        double target = random.NextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (target < cumulative && weights[i] > 0)
                return i;
        }
        // Rounding can leave target just above the last sum: take the last point with weight.
        return Array.FindLastIndex(weights, weight => weight > 0);
    }
}

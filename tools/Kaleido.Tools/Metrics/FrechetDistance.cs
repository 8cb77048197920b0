namespace Kaleido.Tools.Metrics;

/// <summary>
/// The Fréchet Inception Distance (Heusel et al. 2017) between the Gaussians fitted to real and generated features:
/// FID = ‖μ_r − μ_g‖² + Tr Σ_r + Tr Σ_g − 2·Tr sqrt(Σ_r Σ_g).
/// </summary>
/// <remarks>
/// Σ_r Σ_g is not symmetric, but it is similar to the symmetric PSD matrix M = Σ_r^{1/2} Σ_g Σ_r^{1/2}
/// (conjugate by Σ_r^{1/2}), so Tr sqrt(Σ_r Σ_g) = Σᵢ sqrt(λᵢ(M)). Both square roots come from
/// <see cref="SymmetricEigen"/>; eigenvalues a rounding error pushed below zero are clamped to 0. This is always
/// finite, so the reference code's fallback (adding 1e-6·I when sqrtm fails) is never needed.
/// </remarks>
public static class FrechetDistance
{
    /// <summary>FID between two feature sets of the same dimension.</summary>
    public static double Compute(FeatureSet real, FeatureSet generated)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        if (real.Dimension != generated.Dimension)
            throw new ArgumentException($"The real features have {real.Dimension} dimensions, the generated ones {generated.Dimension}; they must match.");
        return Compute(GaussianStatistics.Of(real), GaussianStatistics.Of(generated));
    }

    /// <summary>FID between two fitted Gaussians (for example statistics of the training set computed once).</summary>
    public static double Compute(GaussianStatistics real, GaussianStatistics generated)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        int d = real.Dimension;
        if (generated.Dimension != d)
            throw new ArgumentException($"The real statistics have {d} dimensions, the generated ones {generated.Dimension}; they must match.");
        CheckShape(real, "real");
        CheckShape(generated, "generated");

        double meanTerm = 0;
        for (int i = 0; i < d; i++)
        {
            double delta = real.Mean[i] - generated.Mean[i];
            meanTerm += delta * delta;
        }
        double traceReal = 0, traceGenerated = 0;
        for (int i = 0; i < d; i++)
        {
            traceReal += real.Covariance[i, i];
            traceGenerated += generated.Covariance[i, i];
        }
        return meanTerm + traceReal + traceGenerated - 2 * TraceOfSquareRootOfProduct(real.Covariance, generated.Covariance);
    }

    /// <summary>Tr sqrt(A·B) for symmetric PSD A and B: Σᵢ sqrt(λᵢ) of A^{1/2}·B·A^{1/2}.</summary>
    public static double TraceOfSquareRootOfProduct(double[,] a, double[,] b)
    {
        var rootA = SquareRoot(a);
        var m = Multiply(Multiply(rootA, b), rootA);
        Symmetrize(m);
        double trace = 0;
        foreach (double lambda in SymmetricEigen.Decompose(m).Values)
            trace += Math.Sqrt(Math.Max(lambda, 0));
        return trace;
    }

    /// <summary>The PSD square root V·diag(sqrt(max(λ, 0)))·Vᵀ of a symmetric matrix.</summary>
    public static double[,] SquareRoot(double[,] symmetric)
    {
        var eigen = SymmetricEigen.Decompose(symmetric);
        int n = eigen.Values.Length;
        var root = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            double sqrtLambda = Math.Sqrt(Math.Max(eigen.Values[k], 0));
            if (sqrtLambda == 0)
                continue;
            for (int i = 0; i < n; i++)
            {
                double vik = eigen.Vectors[i, k] * sqrtLambda;
                for (int j = 0; j < n; j++)
                    root[i, j] += vik * eigen.Vectors[j, k];
            }
        }
        return root;
    }

    private static void CheckShape(GaussianStatistics statistics, string name)
    {
        int d = statistics.Dimension;
        if (statistics.Covariance.GetLength(0) != d || statistics.Covariance.GetLength(1) != d)
            throw new ArgumentException(
                $"The {name} covariance is {statistics.Covariance.GetLength(0)}×{statistics.Covariance.GetLength(1)}; the mean has {d} values, so it must be {d}×{d}.");
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), inner = a.GetLength(1), m = b.GetLength(1);
        if (b.GetLength(0) != inner)
            throw new ArgumentException($"Cannot multiply {n}×{inner} by {b.GetLength(0)}×{m}.");
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < inner; k++)
            {
                double aik = a[i, k];
                for (int j = 0; j < m; j++)
                    c[i, j] += aik * b[k, j];
            }
        }
        return c;
    }

    /// <summary>Averages m and mᵀ: removes the rounding asymmetry of the triple product.</summary>
    private static void Symmetrize(double[,] m)
    {
        int n = m.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (m[i, j] + m[j, i]);
                m[i, j] = mean;
                m[j, i] = mean;
            }
        }
    }
}

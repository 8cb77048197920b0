namespace Kaleido.Tools.Metrics;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix A = V·diag(λ)·Vᵀ by the cyclic Jacobi method: each
/// rotation zeroes one off-diagonal pair, sweeps repeat until the off-diagonal mass is negligible.
/// O(n³) per sweep and usually under ten sweeps, which is plenty for feature dimensions up to a few hundred.
/// </summary>
public sealed class SymmetricEigen
{
    /// <summary>Sweeps allowed before giving up; Jacobi converges quadratically, so this is never reached in practice.</summary>
    private const int MaxSweeps = 100;

    private SymmetricEigen(double[] values, double[,] vectors)
    {
        Values = values;
        Vectors = vectors;
    }

    /// <summary>The eigenvalues λ, in ascending order.</summary>
    public double[] Values { get; }

    /// <summary>The orthonormal eigenvectors as columns: column i belongs to <see cref="Values"/>[i].</summary>
    public double[,] Vectors { get; }

    /// <summary>Decomposes <paramref name="matrix"/> (n×n, symmetric to within 1e-9 of its largest entry); the input is not changed.</summary>
    public static SymmetricEigen Decompose(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n)
            throw new ArgumentException($"The matrix must be square and non-empty; got {n}×{matrix.GetLength(1)}.", nameof(matrix));
        CheckSymmetric(matrix);

        var a = (double[,])matrix.Clone();
        var v = Identity(n);
        double total = FrobeniusSquared(a);
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            // Converged once the off-diagonal mass is at rounding level of the whole matrix.
            if (OffDiagonalSquared(a) <= 1e-30 * total)
                return Sorted(a, v);
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                    Rotate(a, v, p, q);
            }
        }
        throw new InvalidOperationException($"The Jacobi eigen-decomposition did not converge in {MaxSweeps} sweeps (n = {n}).");
    }

    /// <summary>
    /// Applies the rotation J(p, q, θ) that zeroes a[p, q]: A ← JᵀAJ, V ← VJ, with
    /// θ = (a_qq − a_pp) / (2 a_pq) and t = tan φ the smaller root of t² + 2θt − 1 = 0 (the stable choice).
    /// </summary>
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        double apq = a[p, q];
        if (apq == 0)
            return;
        int n = a.GetLength(0);
        double theta = (a[q, q] - a[p, p]) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (theta == 0)
            t = 1;
        double c = 1 / Math.Sqrt(t * t + 1);
        double s = t * c;

        for (int k = 0; k < n; k++)
        {
            // Columns p and q of A·J.
            double akp = a[k, p], akq = a[k, q];
            a[k, p] = c * akp - s * akq;
            a[k, q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++)
        {
            // Rows p and q of Jᵀ·(A·J).
            double apk = a[p, k], aqk = a[q, k];
            a[p, k] = c * apk - s * aqk;
            a[q, k] = s * apk + c * aqk;
        }
        a[p, q] = 0;
        a[q, p] = 0;
        for (int k = 0; k < n; k++)
        {
            double vkp = v[k, p], vkq = v[k, q];
            v[k, p] = c * vkp - s * vkq;
            v[k, q] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen Sorted(double[,] a, double[,] v)
    {
        int n = a.GetLength(0);
        int[] order = Enumerable.Range(0, n).OrderBy(i => a[i, i]).ToArray();
        var values = new double[n];
        var vectors = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            values[j] = a[order[j], order[j]];
            for (int i = 0; i < n; i++)
                vectors[i, j] = v[i, order[j]];
        }
        return new SymmetricEigen(values, vectors);
    }

    private static void CheckSymmetric(double[,] m)
    {
        int n = m.GetLength(0);
        double largest = 0;
        foreach (double x in m)
        {
            if (!double.IsFinite(x))
                throw new ArgumentException("The matrix has a NaN or infinite entry.", "matrix");
            largest = Math.Max(largest, Math.Abs(x));
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (Math.Abs(m[i, j] - m[j, i]) > 1e-9 * largest)
                    throw new ArgumentException($"The matrix is not symmetric: [{i}, {j}] = {m[i, j]} but [{j}, {i}] = {m[j, i]}.", "matrix");
            }
        }
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            m[i, i] = 1;
        return m;
    }

    private static double FrobeniusSquared(double[,] m)
    {
        double sum = 0;
        foreach (double x in m)
            sum += x * x;
        return sum;
    }

    private static double OffDiagonalSquared(double[,] m)
    {
        int n = m.GetLength(0);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                    sum += m[i, j] * m[i, j];
            }
        }
        return sum;
    }
}

namespace Kaleido.Tools.Metrics;

/// <summary>
/// The Gaussian FID fits to a feature set: the mean μ and the unbiased covariance Σ = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ / (N − 1),
/// as torchmetrics and the reference FID code compute it.
/// </summary>
public sealed record GaussianStatistics(double[] Mean, double[,] Covariance)
{
    public int Dimension => Mean.Length;

    /// <summary>μ and Σ of <paramref name="features"/>; needs at least two vectors (N − 1 > 0).</summary>
    public static GaussianStatistics Of(FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count < 2)
            throw new ArgumentException($"A covariance needs at least 2 feature vectors; got {features.Count}.", nameof(features));
        int n = features.Count, d = features.Dimension;

        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = features.Row(i);
            for (int j = 0; j < d; j++)
                mean[j] += row[j];
        }
        for (int j = 0; j < d; j++)
            mean[j] /= n;

        var covariance = new double[d, d];
        var centred = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = features.Row(i);
            for (int j = 0; j < d; j++)
                centred[j] = row[j] - mean[j];
            for (int a = 0; a < d; a++)
            {
                for (int b = a; b < d; b++)
                    covariance[a, b] += centred[a] * centred[b];
            }
        }
        for (int a = 0; a < d; a++)
        {
            for (int b = a; b < d; b++)
            {
                covariance[a, b] /= n - 1;
                covariance[b, a] = covariance[a, b];
            }
        }
        return new GaussianStatistics(mean, covariance);
    }
}

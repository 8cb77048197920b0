namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// Conversions for a network that predicts v = √γ·ε − √(1−γ)·x0 (architecture-facts §1):
/// x̂0 = √γ·x_t − √(1−γ)·v and ε̂ = (x_t − √γ·x̂0)/√(1−γ).
/// </summary>
public static class VPrediction
{
    /// <summary>Writes x̂0 = √γ·x_t − √(1−γ)·v. <paramref name="x0"/> may alias neither input.</summary>
    public static void EstimateX0(ReadOnlySpan<float> xt, ReadOnlySpan<float> v, double gamma, Span<float> x0)
    {
        SpanChecks.RequireLength(xt.Length, v.Length, nameof(v));
        SpanChecks.RequireLength(xt.Length, x0.Length, nameof(x0));
        if (!(gamma > 0.0 && gamma <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be in (0, 1].");

        double signal = Math.Sqrt(gamma);
        double noise = Math.Sqrt(1.0 - gamma);
        for (int i = 0; i < x0.Length; i++)
            x0[i] = (float)(signal * xt[i] - noise * v[i]);
    }

    /// <summary>Writes ε̂ = (x_t − √γ·x̂0)/√(1−γ); needs γ &lt; 1.</summary>
    public static void EstimateEpsilon(ReadOnlySpan<float> xt, ReadOnlySpan<float> x0, double gamma, Span<float> epsilon)
    {
        SpanChecks.RequireLength(xt.Length, x0.Length, nameof(x0));
        SpanChecks.RequireLength(xt.Length, epsilon.Length, nameof(epsilon));
        if (!(gamma > 0.0 && gamma < 1.0))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be in (0, 1) to recover ε.");

        double signal = Math.Sqrt(gamma);
        double inverseNoise = 1.0 / Math.Sqrt(1.0 - gamma);
        for (int i = 0; i < epsilon.Length; i++)
            epsilon[i] = (float)((xt[i] - signal * x0[i]) * inverseNoise);
    }
}

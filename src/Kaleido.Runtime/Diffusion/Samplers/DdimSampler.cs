namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// DDIM step (Song et al. 2021, eq. 12), with ε̂ recomputed from the thresholded x̂0 as ml-mdm does:
/// ε̂ = (x_t − √γ_t·x̂0)/√(1 − γ_t);
/// x_s = √γ_s·x̂0 + √(1 − γ_s − η²β̃)·ε̂ + η·√β̃·z.
/// η = 0 is deterministic; η = 1 gives the DDPM posterior.
/// </summary>
public sealed class DdimSampler : IDiffusionSampler
{
    /// <summary>η >= 0: the share of the DDPM posterior noise kept.</summary>
    public DdimSampler(double eta)
    {
        if (!double.IsFinite(eta) || eta < 0.0)
            throw new ArgumentOutOfRangeException(nameof(eta), eta, "DDIM η must be finite and >= 0.");
        Eta = eta;
    }

    /// <summary>η.</summary>
    public double Eta { get; }

    /// <inheritdoc/>
    public string Name => "ddim";

    /// <inheritdoc/>
    public bool NeedsNoise(StepNoiseLevels levels) => Eta > 0.0 && !levels.IsFinal;

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, StepNoiseLevels levels, ReadOnlySpan<float> z, Span<float> xs)
    {
        bool addNoise = NeedsNoise(levels);
        SpanChecks.RequireStepLengths(x0, xt, z, xs, addNoise);

        // 1. σ² = η²·β̃ and the coefficients of x̂0 and ε̂ (eq. 12). Clamp at 0 against rounding when η > 1 is close.
        double noiseVariance = Eta * Eta * levels.PosteriorVariance;
        double signalT = Math.Sqrt(levels.GammaT);
        double inverseNoiseT = 1.0 / Math.Sqrt(1.0 - levels.GammaT);
        double x0Coefficient = Math.Sqrt(levels.GammaS);
        double epsilonCoefficient = Math.Sqrt(Math.Max(1.0 - levels.GammaS - noiseVariance, 0.0));
        double sigma = Math.Sqrt(noiseVariance);

        // 2. x_s = √γ_s·x̂0 + √(1 − γ_s − σ²)·ε̂ + σ·z.
        for (int i = 0; i < xs.Length; i++)
        {
            double epsilon = (xt[i] - signalT * x0[i]) * inverseNoiseT;
            double next = x0Coefficient * x0[i] + epsilonCoefficient * epsilon;
            xs[i] = (float)(addNoise ? next + sigma * z[i] : next);
        }
    }
}

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// Ancestral DDPM step: a draw from the posterior q(x_s | x_t, x̂0) (Ho et al. 2020, eq. 6–7; the same as
/// diffusers' DDPM and ml-mdm with <c>ddim_eta = None</c>):
/// x_s = [√γ_s·β/(1 − γ_t)]·x̂0 + [√α·(1 − γ_s)/(1 − γ_t)]·x_t + √β̃·z.
/// At the last step (γ_s = 1) β̃ = 0 and no noise is added.
/// </summary>
public sealed class DdpmSampler : IDiffusionSampler
{
    /// <inheritdoc/>
    public string Name => "ddpm";

    /// <inheritdoc/>
    public bool NeedsNoise(StepNoiseLevels levels) => !levels.IsFinal;

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, StepNoiseLevels levels, ReadOnlySpan<float> z, Span<float> xs)
    {
        bool addNoise = NeedsNoise(levels);
        SpanChecks.RequireStepLengths(x0, xt, z, xs, addNoise);

        // 1. Posterior mean coefficients (eq. 7) and standard deviation √β̃.
        double oneMinusGammaT = 1.0 - levels.GammaT;
        double x0Coefficient = Math.Sqrt(levels.GammaS) * levels.Beta / oneMinusGammaT;
        double xtCoefficient = Math.Sqrt(levels.Alpha) * (1.0 - levels.GammaS) / oneMinusGammaT;
        double sigma = Math.Sqrt(levels.PosteriorVariance);

        // 2. x_s = mean + σ·z.
        for (int i = 0; i < xs.Length; i++)
        {
            double mean = x0Coefficient * x0[i] + xtCoefficient * xt[i];
            xs[i] = (float)(addNoise ? mean + sigma * z[i] : mean);
        }
    }
}

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// The two noise levels of one step at one resolution: γ_t (now) and γ_s (next, less noisy).
/// Derived quantities use the names of architecture-facts §2: α = γ_t/γ_s, β = 1 − α, β̃ = β·(1 − γ_s)/(1 − γ_t).
/// </summary>
public readonly struct StepNoiseLevels
{
    /// <summary>Needs 0 &lt; γ_t &lt; 1 and γ_t &lt;= γ_s &lt;= 1.</summary>
    public StepNoiseLevels(double gammaT, double gammaS)
    {
        if (!(gammaT > 0.0 && gammaT < 1.0))
            throw new ArgumentOutOfRangeException(nameof(gammaT), gammaT, "γ_t must be in (0, 1).");
        if (!(gammaS >= gammaT && gammaS <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(gammaS), gammaS, $"γ_s must be in [γ_t, 1] = [{gammaT}, 1].");
        GammaT = gammaT;
        GammaS = gammaS;
    }

    /// <summary>γ_t: the noise level of x_t.</summary>
    public double GammaT { get; }

    /// <summary>γ_s: the noise level of x_s; 1 at the last step (s = 0).</summary>
    public double GammaS { get; }

    /// <summary>α = γ_t / γ_s.</summary>
    public double Alpha => GammaT / GammaS;

    /// <summary>β = 1 − α.</summary>
    public double Beta => 1.0 - Alpha;

    /// <summary>β̃ = β·(1 − γ_s)/(1 − γ_t), the DDPM posterior variance; 0 when γ_s = 1.</summary>
    public double PosteriorVariance => Beta * (1.0 - GammaS) / (1.0 - GammaT);

    /// <summary>True at the last step (γ_s = 1): β̃ = 0, so no sampler adds noise.</summary>
    public bool IsFinal => GammaS == 1.0;
}

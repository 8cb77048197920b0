namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>Per-image sampling settings of <see cref="DenoiseLoop"/>. Immutable.</summary>
public sealed record DenoiseLoopSettings
{
    /// <summary>N = 250: Kaleido reports every result with 250 DDPM steps (paper §4.2, App. E).</summary>
    public int Steps { get; init; } = 250;

    /// <summary>"ddpm": Kaleido's sampler. "ddim" is ml-mdm's demo sampler.</summary>
    public string Sampler { get; init; } = "ddpm";

    /// <summary>DDIM η; must stay 0 for DDPM. 0 makes DDIM deterministic (the ml-mdm demo's setting).</summary>
    public double Eta { get; init; }

    /// <summary>Clip to [−1, 1]: ml-mdm's default threshold function.</summary>
    public X0Thresholding Thresholding { get; init; } = X0Thresholding.Clip;

    /// <summary>w = 1 runs the conditional batch only (no guidance); other values run [uncond; cond].</summary>
    public float GuidanceScale { get; init; } = 1.0f;
}

using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// Per-image settings of the denoising half (caption handling, sampler, guidance). Immutable. Its defaults are
/// the run defaults of the CLI too (<see cref="Requests.GenerationSettings"/> maps onto this record).
/// </summary>
public sealed record RenderSettings
{
    /// <summary>The defaults, for code that fills its own settings from them.</summary>
    public static RenderSettings Default { get; } = new();

    /// <summary>N = 250 DDPM steps: how Kaleido reports every result (paper §4.2, App. E).</summary>
    public int Steps { get; init; } = 250;

    /// <summary>"ddpm" (Kaleido) or "ddim".</summary>
    public string Sampler { get; init; } = "ddpm";

    /// <summary>DDIM η; 0 for DDPM.</summary>
    public double Eta { get; init; }

    /// <summary>Guidance weight w = 7 (paper eq. 4), what the paper's CC12M figures use. 1 runs the conditional row only.</summary>
    public float Guidance { get; init; } = 7.0f;

    /// <summary>Clip x̂0 to [−1, 1]: ml-mdm's default.</summary>
    public X0Thresholding Thresholding { get; init; } = X0Thresholding.Clip;

    /// <summary>Off: a caption longer than the encoder's fixed length is an error naming the limit.</summary>
    public bool TruncateCaption { get; init; }

    /// <exception cref="UserInputException">A value is out of range.</exception>
    public void Validate(int trainingSteps)
    {
        if (Steps < 1 || Steps > trainingSteps)
            throw new UserInputException($"steps is {Steps}; expected 1 to {trainingSteps}.");
        if (!DiffusionSamplers.Names.Contains(Sampler.ToLowerInvariant()))
            throw new UserInputException($"sampler is '{Sampler}'; expected one of: {string.Join(", ", DiffusionSamplers.Names)}.");
        if (!double.IsFinite(Eta) || Eta < 0)
            throw new UserInputException($"eta is {Eta}; expected a finite value >= 0.");
        if (Eta != 0 && Sampler.Equals("ddpm", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"eta is {Eta}, but the ddpm sampler has no eta; use --sampler ddim or eta 0.");
        if (!float.IsFinite(Guidance))
            throw new UserInputException($"guidance is {Guidance}; expected a finite value.");
        ArgumentNullException.ThrowIfNull(Thresholding);
    }

    /// <summary>The loop's settings for these values.</summary>
    public DenoiseLoopSettings ToLoopSettings() => new()
    {
        Steps = Steps,
        Sampler = Sampler.ToLowerInvariant(),
        Eta = Eta,
        GuidanceScale = Guidance,
        Thresholding = Thresholding,
    };
}

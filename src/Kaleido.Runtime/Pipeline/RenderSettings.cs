using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Settings;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// Per-image settings of the denoising half: the loop's settings (defaults and ranges owned by
/// <see cref="DenoiseLoopSettings"/>) plus how the caption is handled. Immutable.
/// </summary>
public sealed record RenderSettings
{
    /// <summary>The defaults, for code that fills its own settings from them.</summary>
    public static RenderSettings Default { get; } = new();

    /// <inheritdoc cref="DenoiseLoopSettings.Steps"/>
    public int Steps { get; init; } = DenoiseLoopSettings.Default.Steps;

    /// <inheritdoc cref="DenoiseLoopSettings.Sampler"/>
    public string Sampler { get; init; } = DenoiseLoopSettings.Default.Sampler;

    /// <inheritdoc cref="DenoiseLoopSettings.Eta"/>
    public double Eta { get; init; } = DenoiseLoopSettings.Default.Eta;

    /// <inheritdoc cref="DenoiseLoopSettings.Guidance"/>
    public float Guidance { get; init; } = DenoiseLoopSettings.Default.Guidance;

    /// <inheritdoc cref="DenoiseLoopSettings.GuidanceCutoff"/>
    public int GuidanceCutoff { get; init; } = DenoiseLoopSettings.Default.GuidanceCutoff;

    /// <inheritdoc cref="DenoiseLoopSettings.Thresholding"/>
    public X0Thresholding Thresholding { get; init; } = DenoiseLoopSettings.Default.Thresholding;

    /// <summary>Off: a caption longer than the encoder's fixed length is an error naming the limit.</summary>
    public bool TruncateCaption { get; init; }

    /// <exception cref="UserInputException">A value is out of range.</exception>
    public void Validate(int trainingSteps) => ToLoopSettings().Validate(trainingSteps);

    /// <summary>The loop's settings for these values.</summary>
    public DenoiseLoopSettings ToLoopSettings() => new()
    {
        Steps = Steps,
        Sampler = Sampler,
        Eta = Eta,
        Guidance = Guidance,
        GuidanceCutoff = GuidanceCutoff,
        Thresholding = Thresholding,
    };
}

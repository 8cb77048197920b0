using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Tools.Evaluation;

/// <summary>What the quality check samples. Immutable; <see cref="Validate"/> names the first setting out of range.</summary>
/// <param name="Captions">The conditions c; <see cref="QualityCaptions.Default"/> unless the user gives a file.</param>
/// <param name="Seeds">Seeds 0 … Seeds − 1 per caption, image index 0 each; 3 gives 36 images (about 100 objects), about 25 s on 2 cores at the default DDIM 15 (2.5 min at DDPM 250).</param>
/// <param name="Steps">The runtime's default steps (<see cref="DenoiseLoopSettings"/>), with its default sampler: the check judges the model as users run it.</param>
/// <param name="Guidance">The runtime's default guidance w.</param>
/// <param name="Sampler">The runtime's default sampler.</param>
/// <param name="GuidanceCutoff">The runtime's default guidance cutoff (<see cref="DenoiseLoopSettings.GuidanceCutoff"/>).</param>
public sealed record QualitySettings(
    IReadOnlyList<string> Captions, int Seeds = 3, int Steps = DenoiseLoopSettings.DefaultSteps, float Guidance = DenoiseLoopSettings.DefaultGuidance,
    string Sampler = DenoiseLoopSettings.DefaultSampler, int GuidanceCutoff = DenoiseLoopSettings.DefaultGuidanceCutoff)
{
    /// <summary>An IoU of at least this counts as the object being where the latents put it (the usual detection bar).</summary>
    public const double HitIoU = 0.5;

    public void Validate()
    {
        if (Captions.Count == 0)
            throw new ToolInputException("The quality check needs at least one caption.");
        if (Seeds is < 1 or > 1000)
            throw new ToolInputException($"The seed count is {Seeds}; expected 1 to 1000.");
        if (Steps < 1)
            throw new ToolInputException($"The step count is {Steps}; expected at least 1.");
        if (!float.IsFinite(Guidance))
            throw new ToolInputException($"The guidance is {Guidance}; expected a finite value.");
        if (!DiffusionSamplers.Names.Contains(Sampler, StringComparer.Ordinal))
            throw new ToolInputException($"--sampler takes one of {string.Join(", ", DiffusionSamplers.Names)}; got '{Sampler}'.");
        if (GuidanceCutoff is < 0 or > 1000)
            throw new ToolInputException($"--guidance-cutoff takes a whole number in 0..1000; got {GuidanceCutoff}.");
    }

    /// <summary>The denoising settings every image of the check is rendered with.</summary>
    public RenderSettings ToRenderSettings() => new() { Steps = Steps, Sampler = Sampler, Guidance = Guidance, GuidanceCutoff = GuidanceCutoff };
}

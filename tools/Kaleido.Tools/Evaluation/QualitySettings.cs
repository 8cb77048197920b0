using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Tools.Evaluation;

/// <summary>What the quality check samples. Immutable; <see cref="Validate"/> names the first setting out of range.</summary>
/// <param name="Captions">The conditions c; <see cref="QualityCaptions.Default"/> unless the user gives a file.</param>
/// <param name="Seeds">Seeds 0 … Seeds − 1 per caption, image index 0 each; 3 gives 36 images (about 100 objects), about 2.5 min on 2 cores at DDPM 250.</param>
/// <param name="Steps">The runtime's default steps (<see cref="DenoiseLoopSettings"/>), with its default sampler: the check judges the model as users run it.</param>
/// <param name="Guidance">The runtime's default guidance w.</param>
public sealed record QualitySettings(
    IReadOnlyList<string> Captions, int Seeds = 3, int Steps = DenoiseLoopSettings.DefaultSteps, float Guidance = DenoiseLoopSettings.DefaultGuidance)
{
    /// <summary>An IoU of at least this counts as the object being where the latents put it (the usual detection bar).</summary>
    public const double HitIoU = 0.5;

    /// <summary>The runtime's default sampler.</summary>
    public const string Sampler = DenoiseLoopSettings.DefaultSampler;

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
    }
}

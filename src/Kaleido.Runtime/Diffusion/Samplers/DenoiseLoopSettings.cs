using Kaleido.Runtime.Settings;

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// Per-image settings of the guided denoising loop, and their one owner: each setting's default and valid range
/// live here, and every front end (the pipeline's <c>RenderSettings</c>, the CLI, prompt files) takes them from here.
/// Immutable.
/// </summary>
public sealed record DenoiseLoopSettings
{
    /// <summary>The defaults.</summary>
    public static DenoiseLoopSettings Default { get; } = new();

    /// <summary>The default sampler, as a constant for tools whose option defaults must be constants.</summary>
    public const string DefaultSampler = "ddpm";

    /// <summary>The default number of sampler steps (see <see cref="DefaultSampler"/>).</summary>
    public const int DefaultSteps = 250;

    /// <summary>The default guidance weight (see <see cref="DefaultSampler"/>).</summary>
    public const float DefaultGuidance = 7.0f;

    /// <summary>N = 250: Kaleido reports every result with 250 DDPM steps (paper §4.2, App. E). 1 to T.</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>"ddpm": Kaleido's sampler. "ddim" is ml-mdm's demo sampler. Names are lower case.</summary>
    public string Sampler { get; init; } = DefaultSampler;

    /// <summary>DDIM η ≥ 0; must stay 0 for DDPM. 0 makes DDIM deterministic (the ml-mdm demo's setting).</summary>
    public double Eta { get; init; }

    /// <summary>
    /// Classifier-free guidance weight w ≥ 0 (paper eq. 4): 7, what the paper's CC12M figures use. w = 1 runs the
    /// conditional batch only (no guidance); other values run [uncond; cond]. float: the loop computes in float32,
    /// and images and latents documents record this value.
    /// </summary>
    public float Guidance { get; init; } = DefaultGuidance;

    /// <summary>Clip to [−1, 1]: ml-mdm's default threshold function.</summary>
    public X0Thresholding Thresholding { get; init; } = X0Thresholding.Clip;

    /// <summary>Whether the model runs [uncond; cond] rows: the one place "guided or not" is decided.</summary>
    public bool IsGuided => Guidance != 1.0f;

    /// <summary>Rows the model sees for a batch of <paramref name="batchSize"/> images: 2B when guided, else B.</summary>
    public int ModelRows(int batchSize) => IsGuided ? 2 * batchSize : batchSize;

    /// <summary>Checks every value against its range.</summary>
    /// <param name="trainingSteps">T of the model's schedule, the most steps a loop can take.</param>
    /// <exception cref="UserInputException">A value is out of range; it names the setting by its key.</exception>
    public void Validate(int trainingSteps)
    {
        SettingCheck.Require(Steps >= 1 && Steps <= trainingSteps, SettingKeys.Steps, Steps, $"an integer from 1 to {trainingSteps}");
        SettingCheck.Require(float.IsFinite(Guidance) && Guidance >= 0, SettingKeys.Guidance, Guidance,
            "a finite number >= 0 (1 turns guidance off)");
        SettingCheck.Require(Sampler is not null && DiffusionSamplers.Names.Contains(Sampler, StringComparer.Ordinal), SettingKeys.Sampler,
            Sampler ?? "", $"one of {string.Join(", ", DiffusionSamplers.Names.Select(s => $"'{s}'"))}");
        SettingCheck.Require(double.IsFinite(Eta) && Eta >= 0, SettingKeys.Eta, Eta, "a finite number >= 0");
        if (Eta != 0 && Sampler != "ddim")
            throw new UserInputException([SettingKeys.Eta, SettingKeys.Sampler],
                "{0} is " + SettingCheck.Escape(SettingCheck.Show(Eta)) + " but {1} is " + SettingCheck.Escape(SettingCheck.Show(Sampler)) +
                "; eta applies to the 'ddim' sampler only (set {1} to ddim, or leave {0} at 0).");
        ArgumentNullException.ThrowIfNull(Thresholding);
    }
}

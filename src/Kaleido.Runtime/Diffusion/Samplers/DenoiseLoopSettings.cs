using Kaleido.Runtime.Diffusion.Schedules;
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

    /// <summary>
    /// The default sampler, as a constant for tools whose option defaults must be constants: DDIM (η = 0), 15 steps, guided
    /// for t ≥ 130. The fewest denoiser evaluations (28 per image against DDPM 250's 500) whose FID at guidance 7 came
    /// within 5 % of the paper's DDPM 250 on the shipped model (docs/benchmarks.md, "Guidance cutoff"). The paper's setting
    /// stays one option away: <c>--sampler ddpm --steps 250 --guidance-cutoff 0</c>.
    /// </summary>
    public const string DefaultSampler = "ddim";

    /// <summary>The default number of sampler steps (see <see cref="DefaultSampler"/>).</summary>
    public const int DefaultSteps = 15;

    /// <summary>The default guidance weight (see <see cref="DefaultSampler"/>).</summary>
    public const float DefaultGuidance = 7.0f;

    /// <summary>N, 1 to T. The paper reports every result with 250 DDPM steps (§4.2, App. E); the default is <see cref="DefaultSteps"/>.</summary>
    public int Steps { get; init; } = DefaultSteps;

    /// <summary>"ddpm" is Kaleido's sampler, "ddim" ml-mdm's demo sampler and the default (<see cref="DefaultSampler"/>). Names are lower case.</summary>
    public string Sampler { get; init; } = DefaultSampler;

    /// <summary>DDIM η ≥ 0; must stay 0 for DDPM. 0 makes DDIM deterministic (the ml-mdm demo's setting).</summary>
    public double Eta { get; init; }

    /// <summary>
    /// Classifier-free guidance weight w ≥ 0 (paper eq. 4): 7, what the paper's CC12M figures use. w = 1 runs the
    /// conditional batch only (no guidance); other values run [uncond; cond]. float: the loop computes in float32,
    /// and images and latents documents record this value.
    /// </summary>
    public float Guidance { get; init; } = DefaultGuidance;

    /// <summary>
    /// The default guidance cutoff (see <see cref="GuidanceCutoff"/> and <see cref="DefaultSampler"/>): 130 leaves DDIM 15's
    /// last two steps (t = 125, 63) unguided. 0 is the paper's guidance at every step.
    /// </summary>
    public const int DefaultGuidanceCutoff = 130;

    /// <summary>
    /// Steps whose table index t is below this run unguided (w = 1, the conditional rows alone); 0 to T, 0 = guidance at
    /// every step (paper eq. 4). Beyond the paper, after Kynkäänniemi et al. 2024's limited guidance interval: a few-step
    /// sampler forms its last x̂0 at a t where √(1 − γ) is 10× DDPM-250's, and guiding that step puts w·(v_c − v_u) in
    /// the image as grain (docs/diffusion.md, "Guidance cutoff"). Ignored when <see cref="Guidance"/> is 1.
    /// </summary>
    public int GuidanceCutoff { get; init; } = DefaultGuidanceCutoff;

    /// <summary>Clip to [−1, 1]: ml-mdm's default threshold function.</summary>
    public X0Thresholding Thresholding { get; init; } = X0Thresholding.Clip;

    /// <summary>Whether the model runs [uncond; cond] rows: the one place "guided or not" is decided.</summary>
    public bool IsGuided => Guidance != 1.0f;

    /// <summary>Whether the step from table index <paramref name="t"/> runs [uncond; cond] rows (guided, and t at or above the cutoff).</summary>
    public bool IsGuidedAt(int t) => IsGuided && t >= GuidanceCutoff;

    /// <summary>
    /// Denoiser rows one image costs over the whole loop: 2 per guided step, 1 per unguided one (the figure
    /// docs/benchmarks.md calls evaluations).
    /// </summary>
    /// <param name="trainingSteps">T of the model's schedule.</param>
    public int EvaluationsPerImage(int trainingSteps) =>
        SamplingTimesteps.Pairs(trainingSteps, Steps).Sum(step => IsGuidedAt(step.T) ? 2 : 1);

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
        SettingCheck.Require(GuidanceCutoff >= 0 && GuidanceCutoff <= trainingSteps, SettingKeys.GuidanceCutoff, GuidanceCutoff,
            $"an integer from 0 (guidance at every step) to {trainingSteps}");
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

using System.Globalization;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;

using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// The settings of a generation run as the user writes them: how many images per prompt, how they
/// are numbered, and the per-image sampling values, with errors that name the option or the prompt
/// file field. Immutable. Command-line values come first; a prompt file record may override some of
/// them (<see cref="WithOverrides"/>). The pipeline's own per-image records are
/// <see cref="RenderSettings"/> and <see cref="PriorSamplingSettings"/>: defaults come from them and
/// <see cref="ToRenderSettings"/> / <see cref="ToPriorSettings"/> map onto them.
/// </summary>
public sealed record GenerationSettings
{
    /// <summary>Upper bound of <see cref="Steps"/>: the schedule has T = 1000 training steps.</summary>
    public const int MaxSteps = 1000;

    /// <summary>The sampler names accepted; "ddpm" is the one Kaleido reports every result with.</summary>
    public static IReadOnlyList<string> SamplerNames => DiffusionSamplers.Names;

    static readonly RenderSettings RenderDefaults = new();
    static readonly PriorSamplingSettings PriorDefaults = new();

    /// <summary>One image per prompt unless asked: each image costs a full denoising loop.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Index of the first image; lets a later run add images 4.. to a run that made 0..3.</summary>
    public int StartIndex { get; init; }

    /// <summary><see cref="RenderSettings.Steps"/>.</summary>
    public int Steps { get; init; } = RenderDefaults.Steps;

    /// <summary>Classifier-free guidance weight γ (paper eq. 4), <see cref="RenderSettings.Guidance"/>.</summary>
    public double GuidanceScale { get; init; } = RenderDefaults.Guidance;

    /// <summary><see cref="RenderSettings.Sampler"/>.</summary>
    public string Sampler { get; init; } = RenderDefaults.Sampler;

    /// <summary><see cref="RenderSettings.Eta"/>.</summary>
    public double Eta { get; init; } = RenderDefaults.Eta;

    /// <summary><see cref="RenderSettings.TruncateCaption"/>; a run-wide choice, never set by a record.</summary>
    public bool TruncateCaption { get; init; } = RenderDefaults.TruncateCaption;

    /// <summary><see cref="PriorSamplingSettings.Temperature"/>.</summary>
    public double Temperature { get; init; } = PriorDefaults.Temperature;

    /// <summary><see cref="PriorSamplingSettings.TopK"/>; 0 turns it off (the whole vocabulary).</summary>
    public int TopK { get; init; } = PriorDefaults.TopK;

    /// <summary><see cref="PriorSamplingSettings.TopP"/>; 1 turns it off.</summary>
    public double TopP { get; init; } = PriorDefaults.TopP;

    /// <summary>
    /// <see cref="PriorSamplingSettings.MaxLatentTokens"/>; null takes the model's limit, which only the package
    /// knows, so the upper bound is checked when the model is loaded. A run-wide choice, never set by a record.
    /// </summary>
    public int? MaxLatentTokens { get; init; } = PriorDefaults.MaxLatentTokens;

    /// <summary><see cref="PriorSamplingSettings.MaxAttempts"/>; a run-wide choice, never set by a record.</summary>
    public int Attempts { get; init; } = PriorDefaults.MaxAttempts;

    /// <summary>The denoising half of these settings, as the pipeline takes it.</summary>
    public RenderSettings ToRenderSettings() => RenderDefaults with
    {
        Steps = Steps,
        Sampler = Sampler,
        Eta = Eta,
        // Validated finite; the denoise loop computes in float32, and images and latents files record this value.
        Guidance = (float)GuidanceScale,
        TruncateCaption = TruncateCaption,
    };

    /// <summary>The prior half of these settings, as the pipeline takes it.</summary>
    public PriorSamplingSettings ToPriorSettings() => PriorDefaults with
    {
        Temperature = Temperature,
        TopK = TopK,
        TopP = TopP,
        MaxLatentTokens = MaxLatentTokens,
        MaxAttempts = Attempts,
    };

    /// <summary>
    /// Throws <see cref="UserInputException"/> naming the first command-line option that is out of
    /// range (for example <c>--steps</c>) and what is allowed.
    /// </summary>
    public void Validate() => Validate(SettingNames.Option, where: null);

    /// <summary>
    /// These settings with every value <paramref name="record"/> sets replaced, validated; errors
    /// name the record's file, line and field.
    /// </summary>
    public GenerationSettings WithOverrides(PromptRecord record)
    {
        GenerationOverrides o = record.Overrides;
        GenerationSettings merged = this with
        {
            Count = o.Count ?? Count,
            Steps = o.Steps ?? Steps,
            GuidanceScale = o.GuidanceScale ?? GuidanceScale,
            Sampler = o.Sampler ?? Sampler,
            Eta = o.Eta ?? Eta,
            Temperature = o.Temperature ?? Temperature,
            TopK = o.TopK ?? TopK,
            TopP = o.TopP ?? TopP,
        };
        merged.Validate(SettingNames.Field, record.Location);
        return merged;
    }

    void Validate(Func<string, string> name, string? where)
    {
        string prefix = where is null ? "" : where + ": ";
        void Require(bool condition, string field, object value, string expected)
        {
            if (!condition)
                throw new UserInputException($"{prefix}{name(field)} is {Show(value)}; expected {expected}.");
        }

        Require(Count >= 1, SettingNames.Count, Count, "an integer >= 1");
        Require(StartIndex >= 0, SettingNames.StartIndex, StartIndex, "an integer >= 0");
        // Image indices StartIndex..StartIndex+Count-1 must fit an int.
        Require((long)StartIndex + Count - 1 <= int.MaxValue, SettingNames.Count, Count,
            $"at most {(long)int.MaxValue - StartIndex + 1} so that image indices stay below 2^31 (start index {StartIndex})");
        Require(Steps is >= 1 and <= MaxSteps, SettingNames.Steps, Steps, $"an integer from 1 to {MaxSteps}");
        Require(double.IsFinite(GuidanceScale) && GuidanceScale >= 0, SettingNames.GuidanceScale, GuidanceScale,
            "a finite number >= 0 (1 turns guidance off)");
        Require(SamplerNames.Contains(Sampler, StringComparer.Ordinal), SettingNames.Sampler, Sampler,
            $"one of {string.Join(", ", SamplerNames.Select(s => $"'{s}'"))}");
        Require(double.IsFinite(Eta) && Eta >= 0, SettingNames.Eta, Eta, "a finite number >= 0");
        if (Eta != 0 && Sampler != "ddim")
            throw new UserInputException(
                $"{prefix}{name(SettingNames.Eta)} is {Show(Eta)} but {name(SettingNames.Sampler)} is '{Sampler}'; " +
                $"eta applies to the 'ddim' sampler only (set {name(SettingNames.Sampler)} to ddim, or leave {name(SettingNames.Eta)} at 0).");
        Require(double.IsFinite(Temperature) && Temperature > 0, SettingNames.Temperature, Temperature, "a finite number > 0");
        Require(TopK >= 0, SettingNames.TopK, TopK, "an integer >= 0 (0 turns top-k off)");
        Require(double.IsFinite(TopP) && TopP > 0 && TopP <= 1, SettingNames.TopP, TopP,
            "a number in (0, 1] (1 turns top-p off)");
        if (MaxLatentTokens is { } maxLatentTokens)
            Require(maxLatentTokens >= 1, SettingNames.MaxLatentTokens, maxLatentTokens, "an integer >= 1 (at most the model's maxLatentTokens)");
        Require(Attempts >= 1, SettingNames.Attempts, Attempts, "an integer >= 1");
    }

    static string Show(object value) => value switch
    {
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

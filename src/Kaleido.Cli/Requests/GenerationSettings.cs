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
    /// <summary>Upper bound of <see cref="Steps"/> before a model is loaded: the schedules have T = 1000 training steps.</summary>
    public const int MaxSteps = 1000;

    /// <summary>The sampler names accepted; "ddpm" is the one Kaleido reports every result with.</summary>
    public static IReadOnlyList<string> SamplerNames => DiffusionSamplers.Names;

    static readonly RenderSettings RenderDefaults = new();
    static readonly PriorSamplingSettings PriorDefaults = new();

    /// <summary>
    /// Most images per prompt: planning holds every image's name in memory (2^31 − 1 ran out of memory), and a
    /// larger job is a prompt file or sharded runs.
    /// </summary>
    public const int MaxCount = 100_000;

    /// <summary>Most images one run plans, over all its records; a larger job is split into shards.</summary>
    public const int MaxImagesPerRun = 1_000_000;

    /// <summary>One image per prompt unless asked: each image costs a full denoising loop.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Index of the first image; lets a later run add images 4.. to a run that made 0..3.</summary>
    public int StartIndex { get; init; }

    /// <summary><see cref="RenderSettings.Steps"/>.</summary>
    public int Steps { get; init; } = RenderDefaults.Steps;

    /// <summary><see cref="DenoiseLoopSettings.Guidance"/>: the classifier-free guidance weight w (<c>--cfg</c>, <c>"cfg"</c>).</summary>
    public float Guidance { get; init; } = RenderDefaults.Guidance;

    /// <summary><see cref="RenderSettings.Sampler"/>.</summary>
    public string Sampler { get; init; } = RenderDefaults.Sampler;

    /// <summary><see cref="RenderSettings.Eta"/>.</summary>
    public double Eta { get; init; } = RenderDefaults.Eta;

    /// <summary><see cref="RenderSettings.GuidanceCutoff"/>.</summary>
    public int GuidanceCutoff { get; init; } = RenderDefaults.GuidanceCutoff;

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
        Guidance = Guidance,
        GuidanceCutoff = GuidanceCutoff,
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
            Guidance = o.Guidance ?? Guidance,
            Sampler = o.Sampler ?? Sampler,
            Eta = o.Eta ?? Eta,
            GuidanceCutoff = o.GuidanceCutoff ?? GuidanceCutoff,
            Temperature = o.Temperature ?? Temperature,
            TopK = o.TopK ?? TopK,
            TopP = o.TopP ?? TopP,
        };
        merged.Validate(SettingNames.Field, record.Location);
        return merged;
    }

    /// <summary>
    /// The run-wide numbering is checked here; every per-image value by its owner in the runtime
    /// (<see cref="DenoiseLoopSettings.Validate"/>, <see cref="PriorSamplingSettings.Validate()"/>), whose error names
    /// the setting by key, spelled here as the option or field the user wrote.
    /// </summary>
    void Validate(Func<string, string> name, string? where)
    {
        string prefix = where is null ? "" : where + ": ";
        void Require(bool condition, string field, object value, string expected)
        {
            if (!condition)
                throw new UserInputException($"{prefix}{name(field)} is {Show(value)}; expected {expected}.");
        }

        Require(Count is >= 1 and <= MaxCount, SettingNames.Count, Count, $"an integer from 1 to {MaxCount} (images per prompt)");
        Require(StartIndex >= 0, SettingNames.StartIndex, StartIndex, "an integer >= 0");
        // Image indices StartIndex..StartIndex+Count-1 must fit an int.
        Require((long)StartIndex + Count - 1 <= int.MaxValue, SettingNames.Count, Count,
            $"at most {(long)int.MaxValue - StartIndex + 1} so that image indices stay below 2^31 (start index {StartIndex})");
        try
        {
            ToRenderSettings().Validate(MaxSteps);
            ToPriorSettings().Validate();
        }
        catch (UserInputException e) when (e.Template is not null)
        {
            throw new UserInputException(prefix + e.Describe(key => name(SettingNames.FieldName(key))), e);
        }
    }

    static string Show(object value) => value switch
    {
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

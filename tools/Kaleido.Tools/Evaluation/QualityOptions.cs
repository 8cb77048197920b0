using System.CommandLine;
using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Tools.Evaluation;

/// <summary>Command-line settings of <c>kaleido-tools quality</c>.</summary>
public sealed class QualityOptions
{
    public const string VerbName = "quality";

    public string Model { get; init; } = "";

    public string? Captions { get; init; }

    public int Seeds { get; init; } = 3;

    public int Steps { get; init; } = DenoiseLoopSettings.DefaultSteps;

    public float Guidance { get; init; } = DenoiseLoopSettings.DefaultGuidance;

    public string Sampler { get; init; } = DenoiseLoopSettings.DefaultSampler;

    public int GuidanceCutoff { get; init; } = DenoiseLoopSettings.DefaultGuidanceCutoff;

    public string? Latents { get; init; }

    public int Count { get; init; } = 36;

    public bool Json { get; init; }

    /// <summary>The <c>quality</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<QualityOptions> CreateVerb()
    {
        var model = new Option<string>("--model") { Required = true, Description = "Model package folder (a Kaleido model with bbox or combined latents)." };
        var captions = new Option<string?>("--captions") { Description = "File with one caption per line (default: the 12 built-in captions)." };
        var seeds = new Option<int>("--seeds") { DefaultValueFactory = _ => 3, Description = "Seeds 0..N-1 per caption." };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultSteps, Description = "Sampler steps per image (default: the runtime's)." };
        var sampler = new Option<string>("--sampler") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultSampler, Description = "Sampler: ddpm, ddim, dpm++2m or unipc (default: the runtime's)." };
        var guidanceCutoff = new Option<int>("--guidance-cutoff") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultGuidanceCutoff, Description = "Steps with table index t below this run unguided (default: the runtime's)." };
        var guidance = new Option<float>("--guidance") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultGuidance, Description = "Classifier-free guidance scale w." };
        var latents = new Option<string?>("--latents")
        {
            Description = "A .jsonl of latents documents (a dataset manifest works): render the first --count of them instead of sampling latents, which measures the denoiser alone. --captions and --seeds are then unused.",
        };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 36, Description = "With --latents: how many documents to render (seed 0, index = line number)." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of text." };
        var command = new Command(VerbName, "Check a shapes model: sample latents and images for fixed captions and seeds, and measure how often each object named in the latents' boxes is found there (IoU >= 0.5).")
        {
            model, captions, seeds, steps, sampler, guidance, guidanceCutoff, latents, count, json,
        };
        return new Verb<QualityOptions>(command, result => new QualityOptions
        {
            Model = result.GetValue(model)!,
            Captions = result.GetValue(captions),
            Seeds = result.GetValue(seeds),
            Steps = result.GetValue(steps),
            Guidance = result.GetValue(guidance),
            Sampler = result.GetValue(sampler)!,
            GuidanceCutoff = result.GetValue(guidanceCutoff),
            Latents = result.GetValue(latents),
            Count = result.GetValue(count),
            Json = result.GetValue(json),
        });
    }
}

using System.CommandLine;
using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Tools.Grounding;

/// <summary>Command-line settings of <c>kaleido-tools grounding</c>.</summary>
public sealed class GroundingOptions
{
    public const string VerbName = "grounding";

    public string Model { get; init; } = "";

    public string Latents { get; init; } = "";

    public int Count { get; init; } = 36;

    public int Steps { get; init; } = DenoiseLoopSettings.DefaultSteps;

    public float Guidance { get; init; } = DenoiseLoopSettings.DefaultGuidance;

    public string Sampler { get; init; } = DenoiseLoopSettings.DefaultSampler;

    public int GuidanceCutoff { get; init; } = DenoiseLoopSettings.DefaultGuidanceCutoff;

    public bool Json { get; init; }

    /// <summary>The <c>grounding</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<GroundingOptions> CreateVerb()
    {
        var model = new Option<string>("--model") { Required = true, Description = "Model package folder (a Kaleido model with bbox or combined latents)." };
        var latents = new Option<string>("--latents")
        {
            Required = true,
            Description = "A dataset manifest (.jsonl of latents documents with imagePath): the ground truth whose first --count documents are mirrored and re-rendered.",
        };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 36, Description = "How many documents to use (seed 0, index = position)." };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultSteps, Description = "Sampler steps per image of the edit test (default: the runtime's)." };
        var sampler = new Option<string>("--sampler") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultSampler, Description = "Sampler of the edit test: ddpm, ddim, dpm++2m or unipc (default: the runtime's)." };
        var guidanceCutoff = new Option<int>("--guidance-cutoff") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultGuidanceCutoff, Description = "Steps with table index t below this run unguided (default: the runtime's)." };
        var guidance = new Option<float>("--guidance") { DefaultValueFactory = _ => DenoiseLoopSettings.DefaultGuidance, Description = "Classifier-free guidance scale w of the edit test." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of text." };
        var command = new Command(VerbName, "Does the denoiser follow the latents' boxes? The edit test (mirror every box, re-render with the same seed, count the objects that move) and the per-timestep mirror diagnostic (x0 loss with true vs mirrored boxes at fixed noise levels).")
        {
            model, latents, count, steps, sampler, guidance, guidanceCutoff, json,
        };
        return new Verb<GroundingOptions>(command, result => new GroundingOptions
        {
            Model = result.GetValue(model)!,
            Latents = result.GetValue(latents)!,
            Count = result.GetValue(count),
            Steps = result.GetValue(steps),
            Guidance = result.GetValue(guidance),
            Sampler = result.GetValue(sampler)!,
            GuidanceCutoff = result.GetValue(guidanceCutoff),
            Json = result.GetValue(json),
        });
    }
}

using System.CommandLine;

namespace Kaleido.Tools.Fidelity;

/// <summary>Command-line settings of <c>kaleido-tools fidelity</c>.</summary>
public sealed class FidelityOptions
{
    public const string VerbName = "fidelity";

    public string Model { get; init; } = "";

    public string Manifest { get; init; } = "";

    public int CaptionsPerClass { get; init; } = 30;

    public int Draws { get; init; } = 40;

    public double Temperature { get; init; } = 1.0;

    public ulong CaptionSeed { get; init; } = HeldOutCaptions.DefaultSeed;

    public bool Json { get; init; }

    /// <summary>The <c>fidelity</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<FidelityOptions> CreateVerb()
    {
        var model = new Option<string>("--model") { Required = true, Description = "Model package folder (a Kaleido model whose latents have words: text, bbox, blob or combined)." };
        var manifest = new Option<string>("--manifest") { Required = true, Description = "The training manifest (.jsonl of latents documents): its prompts are held out of the captions." };
        var perClass = new Option<int>("--captions-per-class") { DefaultValueFactory = _ => 30, Description = "Held-out captions per class (one-object, two-objects, counts, backgrounds)." };
        var draws = new Option<int>("--draws") { DefaultValueFactory = _ => 40, Description = "Latents sampled per caption: seeds 0..N-1, image index 0." };
        var temperature = new Option<double>("--temperature") { DefaultValueFactory = _ => 1.0, Description = "The prior's sampling temperature (1: as trained; 0: greedy)." };
        var captionSeed = new Option<ulong>("--caption-seed")
        {
            DefaultValueFactory = _ => HeldOutCaptions.DefaultSeed,
            Description = "Dataset seed the held-out scenes and captions are drawn with (the training set is seed 1).",
        };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of text." };
        var command = new Command(VerbName,
            "Caption fidelity of sampled latents: for held-out captions of the dataset's grammar, the share of draws whose latents state every object the caption names with its words bound to it, the right object count and the caption's background.")
        {
            model, manifest, perClass, draws, temperature, captionSeed, json,
        };
        return new Verb<FidelityOptions>(command, result => new FidelityOptions
        {
            Model = result.GetValue(model)!,
            Manifest = result.GetValue(manifest)!,
            CaptionsPerClass = result.GetValue(perClass),
            Draws = result.GetValue(draws),
            Temperature = result.GetValue(temperature),
            CaptionSeed = result.GetValue(captionSeed),
            Json = result.GetValue(json),
        });
    }
}

using static System.FormattableString;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class RenderOptions : ModelOptions
{
    public const string VerbName = "render";

    public override IEnumerable<string> UnexpectedArguments => Arguments.Skip(1);

    /// <summary>What to render: a latents document, or a PNG kaleido wrote (its <c>latents</c> text chunk).</summary>
    public string? SourceFile => Arguments.FirstOrDefault();

    /// <summary>--seed: the image's own seed (not a base seed), a number or <c>random</c>; null to keep the document's.</summary>
    public Requests.SeedChoice? Seed { get; init; }

    public int? Index { get; init; }

    public double? Cfg { get; init; }

    public int? Steps { get; init; }

    public string? Sampler { get; init; }

    public double? Eta { get; init; }

    public int? GuidanceCutoff { get; init; }

    public bool Truncate { get; init; }

    public int? ShardIndex { get; init; }

    public int? ShardCount { get; init; }

    /// <summary>This process's shard of a batch (options, else the batch engine's variables), or null for all of it.</summary>
    public Requests.ShardSpec? ResolveShard(CommandContext context) => Requests.ShardSpec.Resolve(ShardIndex, ShardCount, context.Variable);

    /// <summary>The <c>render</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<RenderOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("LATENTS.json|IMAGE.png|FOLDER|BATCH.jsonl",
            "The latents document to render, a PNG kaleido wrote (rendered from the latents and settings inside it), " +
            "a folder of *.latents.json, or a .jsonl with one latents document per line.");
        var seed = CliOption.Seed("--seed", 's', "The image's seed (as 'image seed' in kaleido info), 0 to 2^64-1, or 'random'. Default: the document's seed.");
        var index = CliOption.Int("--index", null, "N", "Image index (with the seed it fixes the noise). Default: the document's index, else 0.");
        var d = new Requests.GenerationSettings();
        var cfg = CliOption.Double("--cfg", null, "W", Invariant($"Guidance weight. Default: the document's, else {d.Guidance:0.##}."));
        var steps = CliOption.Int("--steps", null, "N", Invariant($"Denoising steps. Default: the document's, else {d.Steps}."));
        var sampler = CliOption.Text("--sampler", null, string.Join("|", DiffusionSamplers.Names), $"Denoising sampler. Default: the document's, else {d.Sampler}.");
        var eta = CliOption.Double("--eta", null, "ETA", Invariant($"DDIM eta. Default: the document's, else {d.Eta:0.##}."));
        var guidanceCutoff = CliOption.Int("--guidance-cutoff", null, "T",
            Invariant($"Steps with table index t below T run unguided (0 = every step guided). Default: the document's, else {d.GuidanceCutoff}."));
        var truncate = CliOption.Flag("--truncate", null, "Cut a prompt longer than the model's caption length instead of failing.");
        var shardIndex = ShardOptions.Index();
        var shardCount = ShardOptions.Count();
        var model = new Spelling();

        var command = new System.CommandLine.Command(VerbName,
            "Render an image from a .latents.json file (sampled or edited) or from a kaleido PNG's own metadata, or one per document of a folder or .jsonl. Unchanged, it reproduces the generated image.")
        {
            arguments, seed, index, cfg, steps, sampler, eta, guidanceCutoff, truncate, shardIndex, shardCount,
        };
        model.AddTo(command);
        return new Verb<RenderOptions>(command, arguments, result => model.Bind(result, new RenderOptions
        {
            Seed = result.GetValue(seed),
            Index = result.GetValue(index),
            Cfg = result.GetValue(cfg),
            Steps = result.GetValue(steps),
            Sampler = result.GetValue(sampler),
            Eta = result.GetValue(eta),
            GuidanceCutoff = result.GetValue(guidanceCutoff),
            Truncate = result.GetValue(truncate),
            ShardIndex = result.GetValue(shardIndex),
            ShardCount = result.GetValue(shardCount),
        }));
    }
}

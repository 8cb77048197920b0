using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class RenderOptions : ModelOptions
{
    public const string VerbName = "render";

    public override IEnumerable<string> UnexpectedArguments => Arguments.Skip(1);

    public string? LatentsFile => Arguments.FirstOrDefault();

    public ulong? Seed { get; init; }

    public int? Index { get; init; }

    public double? Cfg { get; init; }

    public int? Steps { get; init; }

    public string? Sampler { get; init; }

    public double? Eta { get; init; }

    public bool Truncate { get; init; }

    /// <summary>The <c>render</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<RenderOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("LATENTS.json", "The latents document to render.");
        var seed = CliOption.ULong("--seed", 's', "N", "Noise seed. Default: the document's seed.");
        var index = CliOption.Int("--index", null, "N", "Image index (with the seed it fixes the noise). Default: the document's index, else 0.");
        var cfg = CliOption.Double("--cfg", null, "W", "Guidance weight. Default: the document's, else 7.");
        var steps = CliOption.Int("--steps", null, "N", "Denoising steps. Default: the document's, else 250.");
        var sampler = CliOption.Text("--sampler", null, string.Join("|", DiffusionSamplers.Names), "Denoising sampler. Default: the document's, else ddpm.");
        var eta = CliOption.Double("--eta", null, "ETA", "DDIM eta. Default: the document's, else 0.");
        var truncate = CliOption.Flag("--truncate", null, "Cut a prompt longer than the model's caption length instead of failing.");
        var model = new Spelling();

        var command = new System.CommandLine.Command(VerbName,
            "Render an image from a .latents.json file (sampled or edited). Unchanged, it reproduces the generated image.")
        {
            arguments, seed, index, cfg, steps, sampler, eta, truncate,
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
            Truncate = result.GetValue(truncate),
        }));
    }
}

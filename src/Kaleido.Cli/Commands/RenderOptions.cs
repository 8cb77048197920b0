using CommandLine;

namespace Kaleido.Cli.Commands;

[Verb("render", HelpText = "Render an image from a .latents.json file (sampled or edited). Unchanged, it reproduces the generated image.")]
public sealed class RenderOptions : ModelOptions
{
    [Value(0, MetaName = "LATENTS.json", HelpText = "The latents document to render.")]
    public IEnumerable<string> Arguments { get; init; } = [];

    public override IEnumerable<string> UnexpectedArguments => Arguments.Skip(1);

    public string? LatentsFile => Arguments.FirstOrDefault();

    [Option('s', "seed", MetaValue = "N", HelpText = "Noise seed. Default: the document's seed.")]
    public ulong? Seed { get; init; }

    [Option("index", MetaValue = "N", HelpText = "Image index (with the seed it fixes the noise). Default: the document's index, else 0.")]
    public int? Index { get; init; }

    [Option("cfg", MetaValue = "W", HelpText = "Guidance weight. Default: the document's, else 7.")]
    public double? Cfg { get; init; }

    [Option("steps", MetaValue = "N", HelpText = "Denoising steps. Default: the document's, else 250.")]
    public int? Steps { get; init; }

    [Option("sampler", MetaValue = "ddpm|ddim", HelpText = "Denoising sampler. Default: the document's, else ddpm.")]
    public string? Sampler { get; init; }

    [Option("eta", MetaValue = "ETA", HelpText = "DDIM eta. Default: the document's, else 0.")]
    public double? Eta { get; init; }

    [Option("truncate", HelpText = "Cut a prompt longer than the model's caption length instead of failing.")]
    public bool Truncate { get; init; }
}

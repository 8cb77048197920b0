using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class LatentsOptions : PromptOptions
{
    public const string VerbName = "latents";

    /// <summary>The <c>latents</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<LatentsOptions> CreateVerb() => CreateVerb<LatentsOptions>(VerbName,
        "Sample the prior's latents only (no denoising): print them, or save .latents.json files with --out.");
}

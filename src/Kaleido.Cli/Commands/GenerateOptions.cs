using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class GenerateOptions : PromptOptions
{
    public const string VerbName = "generate";

    /// <summary>The <c>generate</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<GenerateOptions> CreateVerb() => CreateVerb<GenerateOptions>(VerbName,
        "Make images from a prompt or a prompt file: PNGs with their latents files, and a contact sheet.");
}

using static System.FormattableString;
using Kaleido.Cli.CommandLine;
using Kaleido.Runtime.Pipeline;

namespace Kaleido.Cli.Commands;

public sealed class GenerateOptions : PromptOptions
{
    public const string VerbName = "generate";

    /// <summary>--batch-size: images the denoiser takes together (<see cref="DenoiseBatchSize"/>); null when not given.</summary>
    public int? BatchSize { get; private set; }

    /// <summary>The <c>generate</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<GenerateOptions> CreateVerb()
    {
        Verb<GenerateOptions> verb = CreateVerb<GenerateOptions>(VerbName,
            "Make images from a prompt or a prompt file: PNGs with their latents files, and a contact sheet.");
        var batchSize = CliOption.Int("--batch-size", null, "B", Invariant(
            $"Images of one prompt denoised together, 1 to {DenoiseBatchSize.Max}; the images are the same bytes for every B. Default: {DenoiseBatchSize.Default}."));
        verb.Command.Add(batchSize);
        return new Verb<GenerateOptions>(verb.Command, verb.Arguments, result =>
        {
            GenerateOptions options = verb.Bind(result);
            options.BatchSize = result.GetValue(batchSize);
            return options;
        });
    }
}

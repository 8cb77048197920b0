using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class InfoOptions : OutputOptions
{
    public const string VerbName = "info";

    /// <summary>Where the tool looks when no --model is given, relative to the current folder.</summary>
    public const string DefaultModelFolder = ModelOptions.DefaultModelFolder;

    public string? Model { get; init; }

    /// <summary>--deep: also open the sessions and make a one-step image (<see cref="PackageDeepCheck"/>).</summary>
    public bool Deep { get; init; }

    /// <summary>
    /// A PNG to describe instead of a package: the first positional argument whose name ends in <c>.png</c>. Any other
    /// positional argument stays unexpected, so a forgotten <c>--model</c> (<c>info models/x</c>) is still caught.
    /// </summary>
    public string? Image => Arguments.FirstOrDefault(IsPngName);

    public override IEnumerable<string> UnexpectedArguments =>
        Image is { } image ? Arguments.Where(a => !ReferenceEquals(a, image)) : Arguments;

    static bool IsPngName(string argument) => argument.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>info</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<InfoOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("IMAGE.png", "A PNG kaleido wrote: print how it was made (prompt, seeds, settings, latents) instead.");
        var model = ModelOptions.ModelOption();
        var deep = CliOption.Flag("--deep", null,
            "Also open every session and GenAI and make a one-step image, which finds damage that re-signed hashes hide (a few seconds).");
        var output = new Spelling();

        var command = new System.CommandLine.Command(VerbName,
            "Verify a model package (sizes and SHA-256 of every file) and describe it, or describe how a kaleido PNG was made. Loads no model unless --deep.")
        {
            arguments, model, deep,
        };
        output.AddTo(command);
        return new Verb<InfoOptions>(command, arguments, result => output.Bind(result, new InfoOptions
        {
            Model = result.GetValue(model),
            Deep = result.GetValue(deep),
        }));
    }
}

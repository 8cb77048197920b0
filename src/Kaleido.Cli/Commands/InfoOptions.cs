using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class InfoOptions : OutputOptions
{
    public const string VerbName = "info";

    /// <summary>Where the tool looks when no --model is given, relative to the current folder.</summary>
    public const string DefaultModelFolder = ModelOptions.DefaultModelFolder;

    public string? Model { get; init; }

    /// <summary>The <c>info</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<InfoOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("ARGUMENTS", description: null);
        var model = ModelOptions.ModelOption();
        var output = new Spelling();

        var command = new System.CommandLine.Command(VerbName,
            "Verify a model package (sizes and SHA-256 of every file) and describe it. Loads no model.")
        {
            arguments, model,
        };
        output.AddTo(command);
        return new Verb<InfoOptions>(command, arguments, result => output.Bind(result, new InfoOptions
        {
            Model = result.GetValue(model),
        }));
    }
}

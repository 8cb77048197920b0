using CommandLine;

namespace Kaleido.Cli.Commands;

[Verb("info", HelpText = "Verify a model package (sizes and SHA-256 of every file) and describe it. Loads no model.")]
public sealed class InfoOptions : OutputOptions
{
    /// <summary>Where the tool looks when no --model is given, relative to the current folder.</summary>
    public const string DefaultModelFolder = ModelOptions.DefaultModelFolder;

    [Option('m', "model", MetaValue = "DIR",
        HelpText = "Model package folder (holding kaleido.json). Default: " + DefaultModelFolder + " under the current folder.")]
    public string? Model { get; init; }

    [Value(0, Hidden = true)]
    public IEnumerable<string> Arguments { get; init; } = [];

    public override IEnumerable<string> UnexpectedArguments => Arguments;
}

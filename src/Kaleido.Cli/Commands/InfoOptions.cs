using CommandLine;

namespace Kaleido.Cli.Commands;

[Verb("info", HelpText = "Verify a model package (sizes and SHA-256 of every file) and describe it. Loads no model.")]
public sealed class InfoOptions : OutputOptions
{
    /// <summary>Where <c>kaleido info</c> looks when no --model is given, relative to the current folder.</summary>
    public const string DefaultModelFolder = "models/kaleido-shapes";

    [Option('m', "model", MetaValue = "DIR",
        HelpText = "Model package folder (holding kaleido.json). Default: " + DefaultModelFolder + " under the current folder.")]
    public string? Model { get; init; }
}

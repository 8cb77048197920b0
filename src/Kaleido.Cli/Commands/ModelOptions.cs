using CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>Load-time options of the verbs that run the model: which package, on which device, with how many threads.</summary>
public abstract class ModelOptions : OutputOptions
{
    /// <summary>Where the tool looks when no --model is given, relative to the current folder.</summary>
    public const string DefaultModelFolder = "models/kaleido-shapes";

    /// <summary>Where results go when no --out is given, relative to the current folder.</summary>
    public const string DefaultOutputFolder = "out";

    [Option('m', "model", MetaValue = "DIR",
        HelpText = "Model package folder (holding kaleido.json). Default: " + DefaultModelFolder + " under the current folder.")]
    public string? Model { get; init; }

    [Option("device", MetaValue = "cpu|cuda", HelpText = "Where ONNX Runtime runs the graphs. Default: cpu. cuda never falls back to cpu.")]
    public string? Device { get; init; }

    [Option("threads", MetaValue = "N", HelpText = "Threads inside one operator. Default: 0 (one per physical core).")]
    public int? Threads { get; init; }

    [Option('o', "out", MetaValue = "DIR", HelpText = "Output folder, made if missing. Default: " + DefaultOutputFolder + " under the current folder.")]
    public string? Out { get; init; }
}

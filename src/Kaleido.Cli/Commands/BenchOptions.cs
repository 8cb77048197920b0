using CommandLine;

namespace Kaleido.Cli.Commands;

[Verb("bench", HelpText = "Time a model package stage by stage (cold start, encoder, prior, decoder, denoiser step, whole images, peak memory). Writes no files.")]
public sealed class BenchOptions : OutputOptions
{
    [Option('m', "model", MetaValue = "DIR",
        HelpText = "Model package folder (holding kaleido.json). Default: " + ModelOptions.DefaultModelFolder + " under the current folder.")]
    public string? Model { get; init; }

    [Option("repetitions", MetaValue = "N", HelpText = "Measured repetitions of every stage, after one warm-up. Default: 5.")]
    public int? Repetitions { get; init; }

    [Option("steps", MetaValue = "S", HelpText = "Denoising steps per image (guided, 2 rows per step). Default: 20.")]
    public int? Steps { get; init; }

    [Option("device", MetaValue = "cpu|cuda", HelpText = "Where ONNX Runtime runs the graphs. Default: cpu. cuda never falls back to cpu.")]
    public string? Device { get; init; }

    [Option("threads", MetaValue = "N", HelpText = "Threads inside one operator. Default: 0 (one per physical core).")]
    public int? Threads { get; init; }

    [Value(0, Hidden = true)]
    public IEnumerable<string> Arguments { get; init; } = [];

    public override IEnumerable<string> UnexpectedArguments => Arguments;
}

using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

public sealed class BenchOptions : OutputOptions
{
    public const string VerbName = "bench";

    public string? Model { get; init; }

    public int? Repetitions { get; init; }

    public int? Steps { get; init; }

    public string? Device { get; init; }

    public int? Threads { get; init; }

    /// <summary>The <c>bench</c> verb: its options, spelled and documented as on the command line.</summary>
    public static Verb<BenchOptions> CreateVerb()
    {
        var arguments = CliOption.Positional("ARGUMENTS", description: null);
        var model = ModelOptions.ModelOption();
        var repetitions = CliOption.Int("--repetitions", null, "N", "Measured repetitions of every stage, after one warm-up. Default: 5.");
        var steps = CliOption.Int("--steps", null, "S", $"Denoising steps per image (the loop figure guides every step, 2 rows). Default: {Kaleido.Runtime.Diffusion.Samplers.DenoiseLoopSettings.DefaultSteps}, the runtime's.");
        var device = ModelOptions.DeviceOption();
        var threads = ModelOptions.ThreadsOption();
        var output = new Spelling();

        var command = new System.CommandLine.Command(VerbName,
            "Time a model package stage by stage (cold start, encoder, prior, decoder, denoiser step, whole images, peak memory). Writes no files.")
        {
            arguments, model, repetitions, steps, device, threads,
        };
        output.AddTo(command);
        return new Verb<BenchOptions>(command, arguments, result => output.Bind(result, new BenchOptions
        {
            Model = result.GetValue(model),
            Repetitions = result.GetValue(repetitions),
            Steps = result.GetValue(steps),
            Device = result.GetValue(device),
            Threads = result.GetValue(threads),
        }));
    }
}

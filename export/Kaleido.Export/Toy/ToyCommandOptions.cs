using System.CommandLine;
using System.Globalization;
using Kaleido.Export.CommandLine;

namespace Kaleido.Export.Toy;

/// <summary>The toy command's arguments, parsed and validated. Immutable.</summary>
public sealed record ToyCommandOptions
{
    /// <summary>Folder for the PNG and the share table; created if missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>What to run.</summary>
    public ToyExperimentSettings Experiment { get; init; } = new();

    /// <summary>libtorch threads; 1 makes the numbers reproducible bit for bit.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Whether --help was given (nothing else is done).</summary>
    public bool ShowHelp { get; init; }

    static readonly Option<string> Output = ExportCommandLine.Text("--out", "where to write the files (created if missing)", "folder", required: true);
    static readonly Option<ulong?> Seed = ExportCommandLine.Parsed<ulong?>("--seed", "seed of every random stream (default 1)", v => ParseSeed("--seed", v), "n");
    static readonly Option<float[]?> Guidance = ExportCommandLine.Parsed<float[]?>(
        "--guidance", "guidance scales (default 1,2,4,7)", v => ParseGuidances("--guidance", v), "w,w,...");
    static readonly Option<int?> SamplesPerClass = Count("--samples-per-class", "samples per class, model and w (default 1000)", 1, 1_000_000);
    static readonly Option<int?> SamplingSteps = Count("--sampling-steps", "DDPM steps, 1..1000 (default 250)", 1, 1000);
    static readonly Option<int?> TrainSteps = Count("--train-steps", "Adam steps per denoiser (default 3000)", 1, 10_000_000);
    static readonly Option<int?> ThreadCount = Count("--threads", "libtorch threads (default 1: bit-for-bit reproducible)", 1, 1024);

    /// <summary>The command's options, as System.CommandLine parses them and prints their help.</summary>
    internal static Command Command { get; } = ExportCommandLine.Command(ToyCommand.Name,
        "Trains the paper's Fig. 3 toy (2-D, classes A and B, two sub-modes each) as a class-conditioned baseline and a " +
        "latent-augmented model, samples both with DDPM at each guidance scale and writes toy-fig3.png (rows: baseline, " +
        "latent-augmented; one panel per w) and toy-shares.md. Exit codes: 0 done, 2 bad arguments.",
        Output, Seed, Guidance, SamplesPerClass, SamplingSteps, TrainSteps, ThreadCount);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ToyUsageException"/> naming the bad argument.</summary>
    public static ToyCommandOptions Parse(IReadOnlyList<string> args)
    {
        ParseResult result = ExportCommandLine.Parse(Command, args, problem => new ToyUsageException(problem.Message));
        if (ExportCommandLine.HelpRequested(result))
            return new ToyCommandOptions { OutputDirectory = "", ShowHelp = true };

        var experiment = new ToyExperimentSettings();
        experiment = experiment with
        {
            Seed = result.GetValue(Seed) ?? experiment.Seed,
            SamplesPerClass = result.GetValue(SamplesPerClass) ?? experiment.SamplesPerClass,
            SamplingSteps = result.GetValue(SamplingSteps) ?? experiment.SamplingSteps,
            // An array option that is not given reads back as an empty array, not null: ask whether it was given.
            GuidanceScales = result.GetResult(Guidance) is null ? experiment.GuidanceScales : result.GetValue(Guidance)!,
            Training = experiment.Training with { DenoiserSteps = result.GetValue(TrainSteps) ?? experiment.Training.DenoiserSteps },
        };
        string output = result.GetRequiredValue(Output);
        if (string.IsNullOrWhiteSpace(output))
            throw new ToyUsageException("Option --out <folder> is required: where to write the PNG and the share table.");
        return new ToyCommandOptions { OutputDirectory = output, Experiment = experiment, Threads = result.GetValue(ThreadCount) ?? 1 };
    }

    static Option<int?> Count(string name, string description, int min, int max) =>
        ExportCommandLine.Parsed<int?>(name, description, v => ParseCount(name, v, min, max), "n");

    static ulong ParseSeed(string name, string value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new ToyUsageException($"Option {name} takes a whole number >= 0; got '{value}'.");

    static int ParseCount(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= min && count <= max
            ? count
            : throw new ToyUsageException($"Option {name} takes a whole number in {min}..{max}; got '{value}'.");

    static float[] ParseGuidances(string name, string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var scales = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out scales[i]) || !float.IsFinite(scales[i]))
                throw new ToyUsageException($"Option {name} takes comma-separated numbers such as 1,2,4,7; got '{value}'.");
        return scales;
    }
}

using System.Globalization;

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

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ToyUsageException"/> naming the bad argument.</summary>
    public static ToyCommandOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--help") || args.Contains("-h"))
            return new ToyCommandOptions { OutputDirectory = "", ShowHelp = true };

        string? output = null;
        var experiment = new ToyExperimentSettings();
        int threads = 1;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new ToyUsageException($"Unexpected argument '{name}'; options start with '--' (see --help).");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new ToyUsageException($"Option {name} needs a value.");
            string value = args[++i];
            switch (name)
            {
                case "--out": output = value; break;
                case "--seed": experiment = experiment with { Seed = ParseSeed(name, value) }; break;
                case "--samples-per-class": experiment = experiment with { SamplesPerClass = ParseCount(name, value, 1, 1_000_000) }; break;
                case "--sampling-steps": experiment = experiment with { SamplingSteps = ParseCount(name, value, 1, 1000) }; break;
                case "--train-steps":
                    experiment = experiment with { Training = experiment.Training with { DenoiserSteps = ParseCount(name, value, 1, 10_000_000) } };
                    break;
                case "--guidance": experiment = experiment with { GuidanceScales = ParseGuidances(name, value) }; break;
                case "--threads": threads = ParseCount(name, value, 1, 1024); break;
                default: throw new ToyUsageException($"Unknown option '{name}' (see --help).");
            }
        }
        if (string.IsNullOrWhiteSpace(output))
            throw new ToyUsageException("Option --out <folder> is required: where to write the PNG and the share table.");
        return new ToyCommandOptions { OutputDirectory = output, Experiment = experiment, Threads = threads };
    }

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

using System.Globalization;

namespace Kaleido.Export.Evaluation;

/// <summary>The evaluation command's arguments, parsed and validated. Immutable.</summary>
public sealed record EvaluationCommandOptions
{
    /// <summary>The dataset manifest to train on (text, bbox, blob or combined kind).</summary>
    public required string ManifestPath { get; init; }

    /// <summary>Folder for features.onnx and classifier.json; created if missing.</summary>
    public required string OutputDirectory { get; init; }

    public ClassifierTrainingSettings Training { get; init; } = new();

    /// <summary>libtorch threads; 1 makes the run reproducible bit for bit.</summary>
    public int Threads { get; init; } = 1;

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="EvaluationInputException"/> naming the bad argument.</summary>
    public static EvaluationCommandOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--help") || args.Contains("-h"))
            return new EvaluationCommandOptions { ManifestPath = "", OutputDirectory = "", ShowHelp = true };

        string? manifest = null, output = null;
        var training = new ClassifierTrainingSettings();
        int threads = 1;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new EvaluationInputException($"Unexpected argument '{name}'; options start with '--' (see --help).");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new EvaluationInputException($"Option {name} needs a value.");
            string value = args[++i];
            switch (name)
            {
                case "--manifest": manifest = value; break;
                case "--out": output = value; break;
                case "--steps": training = training with { Steps = ParseInt(name, value, 1, 10_000_000) }; break;
                case "--batch": training = training with { BatchSize = ParseInt(name, value, 1, 65_536) }; break;
                case "--learning-rate": training = training with { LearningRate = ParseDouble(name, value) }; break;
                case "--holdout": training = training with { HoldoutShare = ParseDouble(name, value) }; break;
                case "--seed":
                    training = training with
                    {
                        Seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
                            ? seed
                            : throw new EvaluationInputException($"Option {name} takes a whole number >= 0; got '{value}'."),
                    };
                    break;
                case "--threads": threads = ParseInt(name, value, 1, 1024); break;
                default: throw new EvaluationInputException($"Unknown option '{name}' (see --help).");
            }
        }
        if (string.IsNullOrWhiteSpace(manifest))
            throw new EvaluationInputException("Option --manifest <file> is required: the dataset manifest to train on.");
        if (string.IsNullOrWhiteSpace(output))
            throw new EvaluationInputException("Option --out <folder> is required: where to write features.onnx and classifier.json.");
        training.Validate();
        return new EvaluationCommandOptions { ManifestPath = manifest, OutputDirectory = output, Training = training, Threads = threads };
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new EvaluationInputException($"Option {name} takes a whole number in {min}..{max}; got '{value}'.");

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw new EvaluationInputException($"Option {name} takes a number; got '{value}'.");
}

using System.CommandLine;
using System.Globalization;
using Kaleido.Export.CommandLine;

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

    static readonly Option<string> Manifest = ExportCommandLine.Text("--manifest",
        "manifest-text.jsonl (or bbox, blob, combined) of `kaleido-tools dataset`; 20,000 images or more, so the shapes are " +
        "learned without over-fitting", "file", required: true);
    static readonly Option<string> Output = ExportCommandLine.Text("--out", "output folder (created if missing)", "folder", required: true);
    static readonly Option<int?> Steps = Int("--steps", "Adam steps (default 8000)", 1, 10_000_000);
    static readonly Option<int?> Batch = Int("--batch", "images per step (default 64)", 1, 65_536);
    static readonly Option<double?> LearningRate = Double("--learning-rate", "(default 0.003)");
    static readonly Option<double?> Holdout = Double("--holdout", "share of the manifest's last lines held out for accuracy (default 0.2)");
    static readonly Option<ulong?> Seed = ExportCommandLine.Parsed<ulong?>("--seed", "weights and batch draws (default 0)", value =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new EvaluationInputException($"Option --seed takes a whole number >= 0; got '{value}'."), "n");
    static readonly Option<int?> ThreadCount = Int("--threads", "libtorch threads (default 1: reproducible)", 1, 1024);

    /// <summary>The command's options, as System.CommandLine parses them and prints their help.</summary>
    internal static Command Command { get; } = ExportCommandLine.Command(EvaluationCommand.Name,
        "Trains the evaluation feature network on a shapes-dataset manifest and writes DIR/features.onnx " +
        "(images [B,3,32,32] in [-1,1] -> features [B,64]) and DIR/classifier.json.",
        Manifest, Output, Steps, Batch, LearningRate, Holdout, Seed, ThreadCount);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="EvaluationInputException"/> naming the bad argument.</summary>
    public static EvaluationCommandOptions Parse(IReadOnlyList<string> args)
    {
        ParseResult result = ExportCommandLine.Parse(Command, args, problem => new EvaluationInputException(problem.Message));
        if (ExportCommandLine.HelpRequested(result))
            return new EvaluationCommandOptions { ManifestPath = "", OutputDirectory = "", ShowHelp = true };

        string manifest = result.GetRequiredValue(Manifest), output = result.GetRequiredValue(Output);
        if (string.IsNullOrWhiteSpace(manifest))
            throw new EvaluationInputException("Option --manifest <file> is required: the dataset manifest to train on.");
        if (string.IsNullOrWhiteSpace(output))
            throw new EvaluationInputException("Option --out <folder> is required: where to write features.onnx and classifier.json.");
        var training = new ClassifierTrainingSettings();
        training = training with
        {
            Steps = result.GetValue(Steps) ?? training.Steps,
            BatchSize = result.GetValue(Batch) ?? training.BatchSize,
            LearningRate = result.GetValue(LearningRate) ?? training.LearningRate,
            HoldoutShare = result.GetValue(Holdout) ?? training.HoldoutShare,
            Seed = result.GetValue(Seed) ?? training.Seed,
        };
        training.Validate();
        return new EvaluationCommandOptions
        {
            ManifestPath = manifest, OutputDirectory = output, Training = training, Threads = result.GetValue(ThreadCount) ?? 1,
        };
    }

    static Option<int?> Int(string name, string description, int min, int max) =>
        ExportCommandLine.Parsed<int?>(name, description, value => ParseInt(name, value, min, max), "n");

    static Option<double?> Double(string name, string description) =>
        ExportCommandLine.Parsed<double?>(name, description, value => ParseDouble(name, value), "x");

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new EvaluationInputException($"Option {name} takes a whole number in {min}..{max}; got '{value}'.");

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw new EvaluationInputException($"Option {name} takes a number; got '{value}'.");
}

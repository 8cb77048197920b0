using System.CommandLine;
using System.Globalization;
using Kaleido.Export.CommandLine;

namespace Kaleido.Export.Training;

/// <summary>The options of <c>kaleido-export train</c>, parsed from arguments by System.CommandLine; see <see cref="WriteHelp"/>.</summary>
public sealed record TrainingOptions
{
    public required TrainingStage Stage { get; init; }
    public required string Manifest { get; init; }
    public required string Tokenizer { get; init; }

    /// <summary>Checkpoint folder; a run whose folder already holds a checkpoint of the same stage resumes from it.</summary>
    public required string Output { get; init; }

    /// <summary>The stage-1 checkpoint whose EMA prior stage 2 and the baseline start from.</summary>
    public string? PriorCheckpoint { get; init; }

    /// <summary>A package preset (<see cref="Packaging.ModelPresets.Names"/>): "shapes" (shipped), "small", "tiny" or "micro" (smoke runs).</summary>
    public string Model { get; init; } = Packaging.ModelPresets.Shapes;

    /// <summary>The manifest's latent kind, recorded in the exported model.</summary>
    public string LatentKind { get; init; } = "combined";

    /// <summary>Threads for TorchSharp; 0 leaves its default.</summary>
    public int Threads { get; init; }

    /// <summary>Also write the EMA model to <c>OUT.models/model-step-N/</c> every this many steps (stage 2 and baseline); 0 never.</summary>
    public int ModelEvery { get; init; }

    /// <summary>Region-masked cross-attention (docs/grounding.md, beyond the paper) instead of the paper's conditioning; stage 2 only.</summary>
    public bool RegionMasked { get; init; }

    public TrainingSettings Settings { get; init; } = new();

    /// <summary>The first line of the help, above System.CommandLine's description and options.</summary>
    public const string Synopsis = "usage: kaleido-export train --stage prior|kaleido|baseline --manifest FILE --tokenizer DIR --out DIR [options]";

    static readonly Option<TrainingStage> StageOption = ExportCommandLine.Parsed("--stage",
        "prior (stage 1), kaleido (stage 2) or baseline", ParseStage, "prior|kaleido|baseline", required: true);
    static readonly Option<string> ManifestOption = ExportCommandLine.Text("--manifest", "the dataset manifest (JSON Lines)", "FILE", required: true);
    static readonly Option<string> TokenizerOption = ExportCommandLine.Text("--tokenizer", "the tokenizer folder", "DIR", required: true);
    static readonly Option<string> OutOption = ExportCommandLine.Text("--out", "checkpoint folder; one that holds a checkpoint is resumed", "DIR", required: true);
    static readonly Option<string> PriorOption = ExportCommandLine.Text("--prior", "stage-1 checkpoint (needed by kaleido and baseline)", "DIR");
    static readonly Option<string> ModelOption = ExportCommandLine.Text("--model",
        "model preset: shapes (default: the shipped models), small, tiny (the package's tiny) or micro (the training tests')", "NAME");
    static readonly Option<string> LatentKindOption = ExportCommandLine.Text("--latent-kind", "latent kind of the manifest (default combined)", "K");
    static readonly Option<int?> StepsOption = Int("--steps", "optimizer steps (default 1000)");
    static readonly Option<int?> BatchOption = Int("--batch", "batch size (default 32)");
    static readonly Option<double?> LrOption = Double("--lr", "peak learning rate (default 5e-4)");
    static readonly Option<int?> WarmupOption = Int("--warmup", "warm-up steps (default 2.5 % of the steps)");
    static readonly Option<double?> EmaDecayOption = Double("--ema-decay", "EMA decay (default: window of 2.5 % of the steps)");
    static readonly Option<double?> EtaOption = Double("--eta", "weight of L_AR in stage 2 (default 1)");
    static readonly Option<double?> PUncondOption = Double("--p-uncond", "chance of dropping caption and latents (default 0.1)");
    static readonly Option<DiffusionLossWeighting?> LossOption = ExportCommandLine.Parsed<DiffusionLossWeighting?>("--loss",
        "L_DM weighting: epsilon-MSE (default, ml-mdm) or v-MSE (SNR+1)", value => value switch
        {
            "epsilon" => DiffusionLossWeighting.Epsilon,
            "v" => DiffusionLossWeighting.Velocity,
            _ => throw new TrainingInputException($"--loss must be epsilon or v, got '{value}'."),
        }, "epsilon|v");
    // A string, not a bool?: System.CommandLine reads a bool option as a flag and would not take the value.
    static readonly Option<string> GroundingOption = ExportCommandLine.Parsed("--grounding",
        "how the denoiser reads the latents: paper (default: the paper's conditioning) or region-masked (object tokens only inside their boxes)",
        value => value is "paper" or "region-masked" ? value
            : throw new TrainingInputException($"--grounding must be paper or region-masked, got '{value}'."), "paper|region-masked");
    static readonly Option<ulong?> SeedOption = ExportCommandLine.Parsed<ulong?>("--seed", "run seed (default 1)", value =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed
            : throw new TrainingInputException($"--seed must be a non-negative integer, got '{value}'."), "N");
    static readonly Option<int?> ThreadsOption = Int("--threads", "TorchSharp threads (default: TorchSharp's)");
    static readonly Option<int?> CheckpointEveryOption = Int("--checkpoint-every", "save every N steps (default 250; always at the end)");
    static readonly Option<int?> ReportEveryOption = Int("--report-every", "progress line every N steps (default 10)");
    static readonly Option<int?> ModelEveryOption = Int("--model-every",
        "also write the EMA model to OUT.models/model-step-N/ every N steps (default 0: only at the end)");

    /// <summary>The command's options, as System.CommandLine parses them and prints their help.</summary>
    internal static Command Command { get; } = ExportCommandLine.Command("train",
        "Trains one stage (prior, kaleido or baseline) from a dataset manifest into a checkpoint folder (docs/training.md).",
        StageOption, ManifestOption, TokenizerOption, OutOption, PriorOption, ModelOption, LatentKindOption, StepsOption, BatchOption,
        LrOption, WarmupOption, EmaDecayOption, EtaOption, PUncondOption, LossOption, GroundingOption, SeedOption, ThreadsOption,
        CheckpointEveryOption, ReportEveryOption, ModelEveryOption);

    /// <summary>Whether <paramref name="args"/> ask for the help (<c>-h</c>, <c>--help</c>).</summary>
    public static bool IsHelp(IReadOnlyList<string> args) => ExportCommandLine.HelpRequested(Command.Parse(args));

    /// <summary>Writes the help: <see cref="Synopsis"/>, then System.CommandLine's description and options.</summary>
    public static void WriteHelp(TextWriter output) => ExportCommandLine.WriteHelp(Command, Synopsis, output);

    /// <summary>Parses <paramref name="args"/>; a mistake throws <see cref="TrainingInputException"/> naming the option.</summary>
    public static TrainingOptions Parse(IReadOnlyList<string> args)
    {
        ParseResult result = ExportCommandLine.Parse(Command, args, problem => new TrainingInputException(problem.Message));
        if (ExportCommandLine.HelpRequested(result))
            throw new TrainingInputException(Synopsis); // TrainingCommand.Run answers --help before parsing
        var settings = new TrainingSettings();
        var options = new TrainingOptions
        {
            Stage = result.GetRequiredValue(StageOption),
            Manifest = result.GetRequiredValue(ManifestOption),
            Tokenizer = result.GetRequiredValue(TokenizerOption),
            Output = result.GetRequiredValue(OutOption),
            PriorCheckpoint = result.GetValue(PriorOption),
            Model = result.GetValue(ModelOption) ?? Packaging.ModelPresets.Shapes,
            LatentKind = result.GetValue(LatentKindOption) ?? "combined",
            Threads = result.GetValue(ThreadsOption) ?? 0,
            ModelEvery = result.GetValue(ModelEveryOption) ?? 0,
            RegionMasked = result.GetValue(GroundingOption) == "region-masked",
            Settings = settings with
            {
                Steps = result.GetValue(StepsOption) ?? settings.Steps,
                BatchSize = result.GetValue(BatchOption) ?? settings.BatchSize,
                LearningRate = result.GetValue(LrOption) ?? settings.LearningRate,
                WarmupSteps = result.GetValue(WarmupOption),
                EmaDecay = result.GetValue(EmaDecayOption),
                ArWeight = result.GetValue(EtaOption) ?? settings.ArWeight,
                UnconditionalProbability = result.GetValue(PUncondOption) ?? settings.UnconditionalProbability,
                LossWeighting = result.GetValue(LossOption) ?? settings.LossWeighting,
                Seed = result.GetValue(SeedOption) ?? settings.Seed,
                CheckpointEvery = result.GetValue(CheckpointEveryOption) ?? settings.CheckpointEvery,
                ReportEvery = result.GetValue(ReportEveryOption) ?? settings.ReportEvery,
            },
        };
        if (!Packaging.ModelPresets.Names.Contains(options.Model))
            throw new TrainingInputException($"--model must be one of {string.Join(", ", Packaging.ModelPresets.Names)}, got '{options.Model}'.");
        if (options.Stage != TrainingStage.Prior && options.PriorCheckpoint is null)
            throw new TrainingInputException($"Stage {options.Stage} starts from a stage-1 checkpoint: pass --prior DIR.");
        if (options.RegionMasked && options.Stage != TrainingStage.Kaleido)
            throw new TrainingInputException($"--grounding region-masked applies to stage kaleido (the denoiser that reads latents), not {options.Stage.ToString().ToLowerInvariant()}.");
        if (options.ModelEvery < 0)
            throw new TrainingInputException($"--model-every must be >= 0, got {options.ModelEvery}.");
        if (options.Threads < 0)
            throw new TrainingInputException($"--threads must be >= 0, got {options.Threads}.");
        options.Settings.Validate();
        return options;
    }

    static TrainingStage ParseStage(string text) =>
        Enum.TryParse<TrainingStage>(text, ignoreCase: true, out var stage) && Enum.IsDefined(stage) && !int.TryParse(text, out _)
            ? stage
            : throw new TrainingInputException($"--stage must be prior, kaleido or baseline, got '{text}'.");

    static Option<int?> Int(string name, string description) =>
        ExportCommandLine.Parsed<int?>(name, description, text => ParseInt(text, name), "N");

    static Option<double?> Double(string name, string description) =>
        ExportCommandLine.Parsed<double?>(name, description, text => ParseDouble(text, name), "X");

    private static int ParseInt(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
        : throw new TrainingInputException($"{name} must be an integer, got '{text}'.");

    private static double ParseDouble(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : throw new TrainingInputException($"{name} must be a number, got '{text}'.");
}

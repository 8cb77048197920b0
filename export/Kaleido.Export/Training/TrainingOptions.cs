using System.Globalization;

namespace Kaleido.Export.Training;

/// <summary>The options of <c>kaleido-export train</c>, parsed from arguments; see <see cref="Usage"/>.</summary>
public sealed record TrainingOptions
{
    public required TrainingStage Stage { get; init; }
    public required string Manifest { get; init; }
    public required string Tokenizer { get; init; }

    /// <summary>Checkpoint folder; a run whose folder already holds a checkpoint of the same stage resumes from it.</summary>
    public required string Output { get; init; }

    /// <summary>The stage-1 checkpoint whose EMA prior stage 2 and the baseline start from.</summary>
    public string? PriorCheckpoint { get; init; }

    /// <summary>A package preset, "shapes" (shipped) or "small", or "tiny" (smoke runs).</summary>
    public string Model { get; init; } = Packaging.ModelPresets.Shapes;

    /// <summary>The manifest's latent kind, recorded in the exported model.</summary>
    public string LatentKind { get; init; } = "combined";

    /// <summary>Threads for TorchSharp; 0 leaves its default.</summary>
    public int Threads { get; init; }

    /// <summary>Also write the EMA model to <c>model-step-N/</c> every this many steps (stage 2 and baseline); 0 never.</summary>
    public int ModelEvery { get; init; }

    public TrainingSettings Settings { get; init; } = new();

    public const string Usage = """
        kaleido-export train --stage prior|kaleido|baseline --manifest FILE --tokenizer DIR --out DIR [options]
          --prior DIR          stage-1 checkpoint (needed by kaleido and baseline)
          --model shapes|small|tiny  model size (default shapes: the shipped models)
          --latent-kind K      latent kind of the manifest (default combined)
          --steps N            optimizer steps (default 1000)
          --batch N            batch size (default 32)
          --lr X               peak learning rate (default 5e-4)
          --warmup N           warm-up steps (default 2.5 % of the steps)
          --ema-decay X        EMA decay (default: window of 2.5 % of the steps)
          --eta X              weight of L_AR in stage 2 (default 1)
          --p-uncond X         chance of dropping caption and latents (default 0.1)
          --loss epsilon|v     L_DM weighting: epsilon-MSE (default, ml-mdm) or v-MSE (SNR+1)
          --seed N             run seed (default 1)
          --threads N          TorchSharp threads (default: TorchSharp's)
          --checkpoint-every N save every N steps (default 250; always at the end)
          --report-every N     progress line every N steps (default 10)
          --model-every N      also write the EMA model to model-step-N/ every N steps (default 0: only at the end)
        """;

    /// <summary>Parses <paramref name="args"/>; a mistake throws <see cref="TrainingInputException"/> naming the option.</summary>
    public static TrainingOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new TrainingInputException($"Unexpected argument '{name}'; options start with --.\n{Usage}");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new TrainingInputException($"Option {name} needs a value.");
            if (!values.TryAdd(name[2..], args[++i]))
                throw new TrainingInputException($"Option {name} is given twice.");
        }

        string Required(string name) => values.Remove(name, out var v) ? v : throw new TrainingInputException($"Missing option --{name}.\n{Usage}");
        string? Optional(string name) => values.Remove(name, out var v) ? v : null;

        var stageText = Required("stage");
        if (!Enum.TryParse<TrainingStage>(stageText, ignoreCase: true, out var stage) || !Enum.IsDefined(stage) || int.TryParse(stageText, out _))
            throw new TrainingInputException($"--stage must be prior, kaleido or baseline, got '{stageText}'.");
        var settings = new TrainingSettings();
        var options = new TrainingOptions
        {
            Stage = stage,
            Manifest = Required("manifest"),
            Tokenizer = Required("tokenizer"),
            Output = Required("out"),
            PriorCheckpoint = Optional("prior"),
            Model = Optional("model") ?? Packaging.ModelPresets.Shapes,
            LatentKind = Optional("latent-kind") ?? "combined",
            Threads = Int(Optional("threads"), "threads") ?? 0,
            ModelEvery = Int(Optional("model-every"), "model-every") ?? 0,
            Settings = settings with
            {
                Steps = Int(Optional("steps"), "steps") ?? settings.Steps,
                BatchSize = Int(Optional("batch"), "batch") ?? settings.BatchSize,
                LearningRate = Double(Optional("lr"), "lr") ?? settings.LearningRate,
                WarmupSteps = Int(Optional("warmup"), "warmup"),
                EmaDecay = Double(Optional("ema-decay"), "ema-decay"),
                ArWeight = Double(Optional("eta"), "eta") ?? settings.ArWeight,
                UnconditionalProbability = Double(Optional("p-uncond"), "p-uncond") ?? settings.UnconditionalProbability,
                LossWeighting = Optional("loss") switch
                {
                    null => settings.LossWeighting,
                    "epsilon" => DiffusionLossWeighting.Epsilon,
                    "v" => DiffusionLossWeighting.Velocity,
                    var other => throw new TrainingInputException($"--loss must be epsilon or v, got '{other}'."),
                },
                Seed = Optional("seed") is { } seed
                    ? ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
                        : throw new TrainingInputException($"--seed must be a non-negative integer, got '{seed}'.")
                    : settings.Seed,
                CheckpointEvery = Int(Optional("checkpoint-every"), "checkpoint-every") ?? settings.CheckpointEvery,
                ReportEvery = Int(Optional("report-every"), "report-every") ?? settings.ReportEvery,
            },
        };
        if (values.Count > 0)
            throw new TrainingInputException($"Unknown option --{values.Keys.First()}.\n{Usage}");
        if (options.Model is not ("tiny" or Packaging.ModelPresets.Small or Packaging.ModelPresets.Shapes))
            throw new TrainingInputException($"--model must be shapes, small or tiny, got '{options.Model}'.");
        if (options.Stage != TrainingStage.Prior && options.PriorCheckpoint is null)
            throw new TrainingInputException($"Stage {options.Stage} starts from a stage-1 checkpoint: pass --prior DIR.");
        if (options.ModelEvery < 0)
            throw new TrainingInputException($"--model-every must be >= 0, got {options.ModelEvery}.");
        if (options.Threads < 0)
            throw new TrainingInputException($"--threads must be >= 0, got {options.Threads}.");
        options.Settings.Validate();
        return options;
    }

    private static int? Int(string? text, string name) => text is null ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
        : throw new TrainingInputException($"--{name} must be an integer, got '{text}'.");

    private static double? Double(string? text, string name) => text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : throw new TrainingInputException($"--{name} must be a number, got '{text}'.");
}

using System.Globalization;
using Kaleido.Export.Packaging;
using Kaleido.Runtime;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// <c>kaleido-export train</c>: runs one stage from a dataset manifest into a checkpoint folder, resuming when the
/// folder already holds one, printing progress and redrawing <c>loss-curve.png</c> at every checkpoint.
/// </summary>
public static class TrainingCommand
{
    public const string LossCurveFile = "loss-curve.png";

    /// <summary>Sub-folder of a finished kaleido or baseline run holding its EMA weights as a model checkpoint.</summary>
    public const string ModelFolder = "model";

    /// <summary>Exit codes: 0 done, 1 training diverged (the last checkpoint kept), 2 a user mistake (message printed, no stack trace).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            if (TrainingOptions.IsHelp(args))
            {
                TrainingOptions.WriteHelp(output);
                return 0;
            }
            Run(TrainingOptions.Parse(args), output);
            return 0;
        }
        catch (UserInputException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        catch (TrainingDivergedException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    public static void Run(TrainingOptions options, TextWriter output)
    {
        // 1. Machine, tokenizer, shapes, data.
        if (options.Threads > 0)
            set_num_threads(options.Threads);
        var tokenizer = KaleidoTokenizer.Load(options.Tokenizer);
        var kind = options.Stage == TrainingStage.Baseline ? ModelKind.Baseline : ModelKind.Kaleido;
        ModelDefinition config = ModelPresets.Create(options.Model, kind, options.LatentKind, tokenizer.Descriptor);
        if (options.RegionMasked)
            config = ModelPresets.RegionMasked(config);
        var examples = ManifestDataset.Load(options.Manifest, tokenizer, config);
        output.WriteLine($"{examples.Count} examples from {options.Manifest}; stage {options.Stage}, model {options.Model}.");

        // 2. Models: stage 1 from scratch; stage 2 and the baseline from stage 1's EMA prior and a fresh denoiser.
        var settings = options.Settings;
        var prior = TrainingModels.CreatePrior(config, settings.Seed);
        if (options.Stage != TrainingStage.Prior)
            TrainingCheckpoint.LoadPriorEma(options.PriorCheckpoint!, prior);
        var denoiser = options.Stage == TrainingStage.Prior ? null : TrainingModels.CreateDenoiser(config, settings.Seed);
        using var trainer = new Trainer(options.Stage, config, settings, examples, prior, denoiser);
        if (File.Exists(Path.Combine(options.Output, TrainingCheckpoint.StateFile)))
        {
            trainer.LoadCheckpoint(options.Output);
            output.WriteLine($"Resumed from {options.Output} at step {trainer.Step}.");
        }
        output.WriteLine($"warm-up {settings.ResolvedWarmupSteps} steps, EMA decay {settings.ResolvedEmaDecay:G6}, lr {settings.LearningRate:G3}, batch {settings.BatchSize}.");

        // 3. Steps, with progress lines and periodic checkpoints.
        double seconds = 0;
        int sinceReport = 0;
        while (!trainer.IsFinished)
        {
            var report = trainer.RunStep();
            seconds += report.Seconds;
            sinceReport++;
            if (report.Step % settings.ReportEvery == 0 || trainer.IsFinished)
            {
                output.WriteLine(FormatProgress(report, settings.Steps, seconds / sinceReport));
                seconds = 0;
                sinceReport = 0;
            }
            if (trainer.IsFinished || (settings.CheckpointEvery > 0 && report.Step % settings.CheckpointEvery == 0))
            {
                trainer.SaveCheckpoint(options.Output);
                LossCurvePlot.Write(Path.Combine(options.Output, LossCurveFile), trainer.History);
            }
            // Intermediate EMA models, so diagnostics can follow a run (grounding at 500, 1k, 2k steps) without stopping it.
            // Beside the checkpoint folder, not in it: saving a checkpoint replaces that folder whole.
            if (options.ModelEvery > 0 && report.Step % options.ModelEvery == 0 && !trainer.IsFinished)
                SaveModel(trainer, SnapshotFolder(options.Output, report.Step), output);
        }
        output.WriteLine($"Saved {options.Output} (EMA weights in {TrainingCheckpoint.PriorEmaFile}"
            + (trainer.Denoiser is null ? ")." : $" and {TrainingCheckpoint.DenoiserEmaFile})."));

        // 4. A finished denoising stage also leaves its EMA weights as a model checkpoint `package` reads.
        SaveModel(trainer, Path.Combine(options.Output, ModelFolder), output);
    }

    /// <summary>Where <c>--model-every</c> writes the EMA model of step <paramref name="step"/>: <c>OUT.models/model-step-N</c>.</summary>
    public static string SnapshotFolder(string output, long step) =>
        Path.Combine(Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar) + ".models", $"{ModelFolder}-step-{step}");

    /// <summary>Writes the EMA weights of a denoising stage as a model checkpoint that <c>package</c> reads.</summary>
    static void SaveModel(Trainer trainer, string modelFolder, TextWriter output)
    {
        if (trainer.DenoiserEma is null)
            return;
        var weights = new ModelWeights(trainer.Config, (Prior.T5Prior)trainer.PriorEma.Shadow, (Denoiser.NestedUNet)trainer.DenoiserEma.Shadow);
        ModelCheckpoint.Save(weights, modelFolder);
        output.WriteLine($"Model checkpoint for 'kaleido-export package --checkpoint': {modelFolder}");
    }

    /// <summary>"step 120/2000  L_AR 1.2345  L_DM 0.4567  lr 5.00e-04  1.23 s/step".</summary>
    public static string FormatProgress(StepReport report, int totalSteps, double secondsPerStep)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"step {report.Step}/{totalSteps}");
        if (report.ArLoss is { } ar)
            line += string.Create(CultureInfo.InvariantCulture, $"  L_AR {ar:F4}");
        if (report.DiffusionLoss is { } dm)
            line += string.Create(CultureInfo.InvariantCulture, $"  L_DM {dm:F4}");
        return line + string.Create(CultureInfo.InvariantCulture, $"  lr {report.LearningRate:0.00e+00}  {secondsPerStep:F2} s/step");
    }
}

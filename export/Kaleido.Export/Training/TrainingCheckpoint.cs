using System.Text.Json;
using Kaleido.Export.Packaging;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// A resumable checkpoint folder: the live and EMA weights of each model (TorchSharp's format, exact round
/// trip), the Adam state, <c>model.json</c> (the run's <see cref="ModelDefinition"/>: shapes and noise schedule)
/// and <c>state.json</c> (stage, step, seed, loss history). The step is also the
/// random-number position: every draw of step s comes from a generator seeded by (seed, s).
/// Written into a sibling temporary folder first, so an interrupted save never leaves a half checkpoint.
/// </summary>
public static class TrainingCheckpoint
{
    public const string StateFile = "state.json";
    public const string PriorFile = "prior.dat";
    public const string PriorEmaFile = "prior-ema.dat";
    public const string DenoiserFile = "denoiser.dat";
    public const string DenoiserEmaFile = "denoiser-ema.dat";
    public const string OptimizerFile = "optimizer.dat";
    public const string ModelFile = "model.json";

    /// <summary>What state.json holds: the run's progress; <paramref name="LossWeighting"/> is absent (ε) in checkpoints made before the switch.</summary>
    public sealed record State(string Stage, long Step, ulong Seed, int TotalSteps, List<StepReport> History, string? LossWeighting = null);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    internal static void Save(string folder, Trainer trainer, TorchSharp.Modules.Adam optimizer)
    {
        string full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        string temporary = full + ".saving";
        if (Directory.Exists(temporary))
            Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);

        foreach ((nn.Module module, string file) in WeightFiles(trainer))
            module.save(Path.Combine(temporary, file));
        optimizer.save_state_dict(Path.Combine(temporary, OptimizerFile));
        File.WriteAllText(Path.Combine(temporary, ModelFile), trainer.Config.ToJson() + "\n");
        var state = new State(trainer.Stage.ToString(), trainer.Step, trainer.Settings.Seed, trainer.Settings.Steps, [.. trainer.History], trainer.Settings.LossWeighting.ToString());
        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, Json));

        if (Directory.Exists(full))
            Directory.Delete(full, recursive: true);
        Directory.Move(temporary, full);
    }

    internal static State Load(string folder, Trainer trainer, TorchSharp.Modules.Adam optimizer)
    {
        var state = ReadState(folder);
        if (state.Stage != trainer.Stage.ToString())
            throw new TrainingInputException($"The checkpoint '{folder}' is from stage {state.Stage}; this run is stage {trainer.Stage}.");
        if (state.Seed != trainer.Settings.Seed)
            throw new TrainingInputException(
                $"The checkpoint '{folder}' was trained with seed {state.Seed}; resume with the same seed (got {trainer.Settings.Seed}).");
        string weighting = state.LossWeighting ?? nameof(DiffusionLossWeighting.Epsilon);
        if (weighting != trainer.Settings.LossWeighting.ToString())
            throw new TrainingInputException(
                $"The checkpoint '{folder}' was trained with loss weighting {weighting}; resume with the same --loss (got {trainer.Settings.LossWeighting}).");
        if (ReadModel(folder) is { } saved && saved.Differences(trainer.Config) is { Count: > 0 } differences)
            throw new TrainingInputException(
                $"The checkpoint '{folder}' holds model '{saved.Preset}' but this run's model is '{trainer.Config.Preset}'; " +
                $"they differ in {string.Join("; ", differences)} (checkpoint vs this run). Resume with the checkpoint's --model or use a new --out.");

        foreach ((nn.Module module, string file) in WeightFiles(trainer))
            module.load(Path.Combine(folder, file));
        optimizer.load_state_dict(Path.Combine(folder, OptimizerFile));
        return state;
    }

    /// <summary>
    /// Each module whose weights a checkpoint keeps, with its file, in the order Save writes and Load reads them:
    /// the live and EMA prior, then the live and EMA denoiser when the stage has one.
    /// </summary>
    private static IEnumerable<(nn.Module Module, string File)> WeightFiles(Trainer trainer)
    {
        yield return (trainer.Prior, PriorFile);
        yield return (trainer.PriorEma.Shadow, PriorEmaFile);
        if (trainer.Denoiser is not null)
        {
            yield return (trainer.Denoiser, DenoiserFile);
            yield return (trainer.DenoiserEma!.Shadow, DenoiserEmaFile);
        }
    }

    /// <summary>Reads state.json, or throws naming the folder when it is not a checkpoint.</summary>
    public static State ReadState(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        if (!File.Exists(path))
            throw new TrainingInputException($"'{folder}' is not a training checkpoint: it has no {StateFile}.");
        try
        {
            return JsonSerializer.Deserialize<State>(File.ReadAllText(path), Json)
                ?? throw new TrainingInputException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new TrainingInputException($"{path} is not a valid checkpoint state: {e.Message}", e);
        }
    }

    /// <summary>
    /// The model.json of <paramref name="folder"/>; null for a checkpoint written before the definition was stored
    /// (its shapes are then the ones the run rebuilds, and its schedule the <see cref="ModelDefinition.DefaultSchedule"/>).
    /// </summary>
    public static ModelDefinition? ReadModel(string folder)
    {
        string path = Path.Combine(folder, ModelFile);
        try
        {
            return File.Exists(path) ? ModelDefinition.Read(path) : null;
        }
        catch (ExportInputException e)
        {
            throw new TrainingInputException(e.Message, e);
        }
    }

    /// <summary>
    /// The EMA weights of a finished or interrupted kaleido or baseline run, with the definition from its model.json,
    /// as <c>package --checkpoint</c> reads them.
    /// </summary>
    /// <exception cref="TrainingInputException">The folder is a stage-1 checkpoint, or has no model.json.</exception>
    public static ModelWeights LoadEmaModel(string folder)
    {
        var state = ReadState(folder);
        if (state.Stage == nameof(TrainingStage.Prior))
            throw new TrainingInputException($"'{folder}' is a stage-1 (Prior) checkpoint and has no denoiser; package a kaleido or baseline run.");
        ModelDefinition definition = ReadModel(folder)
            ?? throw new TrainingInputException(
                $"'{folder}' has no {ModelFile} (written before checkpoints recorded their model); package its {TrainingCommand.ModelFolder}/ folder instead.");
        return ModelCheckpoint.LoadWeights(definition, Path.Combine(folder, PriorEmaFile), Path.Combine(folder, DenoiserEmaFile));
    }

    /// <summary>Loads only the EMA prior of a stage-1 checkpoint into <paramref name="prior"/> (stage 2 and the baseline start from it).</summary>
    public static void LoadPriorEma(string folder, nn.Module prior)
    {
        var state = ReadState(folder);
        if (state.Stage != nameof(TrainingStage.Prior))
            throw new TrainingInputException($"'{folder}' is a {state.Stage} checkpoint; expected a stage-1 (Prior) checkpoint.");
        prior.load(Path.Combine(folder, PriorEmaFile));
    }
}

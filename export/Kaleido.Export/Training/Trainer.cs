using System.Diagnostics;
using Kaleido.Export.Denoiser;
using Kaleido.Export.Packaging;
using Kaleido.Export.Prior;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// One training run of one <see cref="TrainingStage"/>: Adam with linear warm-up, gradient-norm clipping and
/// an EMA of the trained weights (the weights to export). Each step's batch and random draws depend only on
/// (seed, step), so a run resumed from a checkpoint continues exactly as an uninterrupted one.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly IReadOnlyList<TrainingExample> _examples;
    private readonly DiffusionLoss? _diffusionLoss;
    private readonly Adam _optimizer;
    private readonly List<StepReport> _history = [];

    /// <summary>
    /// Sets up a run. <paramref name="prior"/> is trained from its current weights in stage 1 and frozen
    /// (encoder and shared embedding) in stage 2; <paramref name="denoiser"/> is needed by stage 2 and the baseline.
    /// The trainer owns both modules and their EMA copies. The noise schedule is <paramref name="config"/>'s.
    /// </summary>
    public Trainer(TrainingStage stage, ModelDefinition config, TrainingSettings settings, IReadOnlyList<TrainingExample> examples,
        T5Prior prior, NestedUNet? denoiser)
    {
        config.Validate();
        settings.Validate();
        if (examples.Count == 0)
            throw new TrainingInputException("The training set is empty.");
        if (stage != TrainingStage.Prior && denoiser is null)
            throw new ArgumentException($"Stage {stage} trains a denoiser; pass one.", nameof(denoiser));
        Stage = stage;
        Config = config;
        Settings = settings;
        _examples = examples;
        Prior = prior;
        Denoiser = stage == TrainingStage.Prior ? null : denoiser;

        // 1. What is trained: stage 1 the whole prior; stage 2 the decoder (not the shared embedding, which the
        //    frozen encoder reads too) and the denoiser; the baseline only the denoiser.
        foreach (var p in prior.parameters())
            p.requires_grad = stage == TrainingStage.Prior;
        if (stage == TrainingStage.Kaleido)
        {
            foreach (var p in prior.Decoder.parameters().Concat(prior.LmHead.parameters()))
                p.requires_grad = true;
        }
        var trainable = prior.parameters().Where(p => p.requires_grad).ToList();
        if (Denoiser is not null)
            trainable.AddRange(Denoiser.parameters());
        TrainableParameters = trainable;

        // 2. Optimizer and EMA copies (built once; the EMA modules are what a checkpoint exports).
        _optimizer = optim.Adam(trainable, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon);
        double decay = settings.ResolvedEmaDecay;
        PriorEma = new ExponentialMovingAverage(prior, new T5Prior(prior.Config), decay);
        if (Denoiser is not null)
        {
            DenoiserEma = new ExponentialMovingAverage(Denoiser, new NestedUNet(Denoiser.Config), decay);
            _diffusionLoss = new DiffusionLoss(config.NoiseSchedule, config.Denoiser.NestRatio, settings.ResolutionWeights, settings.LossWeighting);
        }
    }

    public TrainingStage Stage { get; }
    public ModelDefinition Config { get; }
    public TrainingSettings Settings { get; }
    public T5Prior Prior { get; }
    public NestedUNet? Denoiser { get; }
    public ExponentialMovingAverage PriorEma { get; }
    public ExponentialMovingAverage? DenoiserEma { get; }
    public IReadOnlyList<Parameter> TrainableParameters { get; }

    /// <summary>Optimizer steps done so far.</summary>
    public long Step { get; private set; }

    /// <summary>Every step's report, from step 1 (restored by <see cref="LoadCheckpoint"/>).</summary>
    public IReadOnlyList<StepReport> History => _history;

    public bool IsFinished => Step >= Settings.Steps;

    /// <summary>Runs step <see cref="Step"/> + 1: batch, losses, backward, clip, Adam, EMA.</summary>
    public StepReport RunStep()
    {
        var watch = Stopwatch.StartNew();
        Prior.train();
        Denoiser?.train();
        using var generator = new Generator(StepSeeds.ForStep(Settings.Seed, Step));
        var indices = BatchOrder.Indices(_examples.Count, Settings.BatchSize, Settings.Seed, Step);
        double learningRate = WarmupSchedule.LearningRate(Step, Settings.LearningRate, Settings.ResolvedWarmupSteps);

        double total;
        double? ar = null, dm = null;
        using (var scope = NewDisposeScope())
        using (var batch = TrainingBatchBuilder.Build(Config, _examples, indices))
        {
            // 1. Losses for this stage.
            var (loss, arValue, dmValue) = ComputeLosses(batch, generator);
            total = loss.item<float>();
            (ar, dm) = (arValue, dmValue);
            if (!double.IsFinite(total))
                throw new TrainingDivergedException(
                    $"Training diverged at step {Step + 1} of stage {Stage}: the loss is {total} (L_AR {ar}, L_DM {dm}). " +
                    $"The weights are those of step {Step}; lower --lr (now {Settings.LearningRate:G3}) and resume from the last checkpoint. " +
                    $"On a new CPU, check that {TorchCpuKernels.IsaVariable} is not set to kernels that machine computes wrongly (docs/training.md).");

            // 2. Update: backward, clip the global gradient norm, Adam at the warm-up rate, EMA.
            _optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(TrainableParameters, Settings.GradientClipNorm);
            foreach (var group in _optimizer.ParamGroups)
                group.LearningRate = learningRate;
            _optimizer.step();
        }
        PriorEma.Update();
        DenoiserEma?.Update();

        Step++;
        var report = new StepReport(Step, total, ar, dm, learningRate, watch.Elapsed.TotalSeconds);
        _history.Add(report);
        return report;
    }

    /// <summary>Random draws from the step's generator, in this order: caption dropout, then k, then ε per resolution.</summary>
    private (Tensor Total, double? Ar, double? Dm) ComputeLosses(TrainingBatch batch, Generator generator)
    {
        switch (Stage)
        {
            case TrainingStage.Prior:
            {
                var encoderStates = Prior.Encode(batch.CaptionIds, batch.CaptionMask);
                var (logits, _) = Prior.Decode(batch.DecoderIds, batch.DecoderMask, encoderStates, batch.CaptionMask);
                var ar = ArLoss.Compute(logits, batch.Targets);
                return (ar, ar.item<float>(), null);
            }
            case TrainingStage.Kaleido:
            {
                var drop = DrawDropout(batch.Size, generator);
                var (states, mask, logits) = ConditioningBuilder.Kaleido(Prior, Config, batch, drop);
                var (tokenObjects, regions) = ConditioningBuilder.Grounding(batch, drop);
                var ar = ArLoss.Compute(logits, batch.Targets);
                var (dm, _) = _diffusionLoss!.Compute(Denoiser!, batch.Images, states, mask, generator, tokenObjects, regions);
                return (dm + Settings.ArWeight * ar, ar.item<float>(), dm.item<float>());
            }
            case TrainingStage.Baseline:
            {
                var drop = DrawDropout(batch.Size, generator);
                var (states, mask) = ConditioningBuilder.Baseline(Prior, Config, batch, drop);
                var (dm, _) = _diffusionLoss!.Compute(Denoiser!, batch.Images, states, mask, generator);
                return (dm, null, dm.item<float>());
            }
            default:
                throw new InvalidOperationException($"Unknown stage {Stage}.");
        }
    }

    /// <summary>bool [B]: which samples lose caption and latents this step (p_uncond).</summary>
    private Tensor DrawDropout(long batchSize, Generator generator) =>
        rand([batchSize], generator: generator) < Settings.UnconditionalProbability;

    /// <summary>Writes model, EMA, optimizer state, step and loss history into <paramref name="folder"/>.</summary>
    public void SaveCheckpoint(string folder) => TrainingCheckpoint.Save(folder, this, _optimizer);

    /// <summary>Restores a checkpoint written by a trainer set up the same way (stage, config, settings).</summary>
    public void LoadCheckpoint(string folder)
    {
        var state = TrainingCheckpoint.Load(folder, this, _optimizer);
        Step = state.Step;
        _history.Clear();
        _history.AddRange(state.History);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _diffusionLoss?.Dispose();
        PriorEma.Shadow.Dispose();
        DenoiserEma?.Shadow.Dispose();
        Prior.Dispose();
        Denoiser?.Dispose();
    }
}

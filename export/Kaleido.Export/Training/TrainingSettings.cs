using System.Collections.Immutable;

namespace Kaleido.Export.Training;

/// <summary>
/// Optimisation settings of one run. Immutable; defaults follow Kaleido B.2 / ml-mdm except where a short CPU
/// run needs otherwise (each says why; docs/training.md).
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>The paper's run length, the reference for scaling warm-up and EMA to a shorter run.</summary>
    public const int PaperSteps = 400_000;

    /// <summary>The paper's warm-up (10k of 400k steps: 2.5 % of the run).</summary>
    public const int PaperWarmupSteps = 10_000;

    /// <summary>The paper's EMA decay; its averaging window 1/(1 − d) is 10k steps, also 2.5 % of the run.</summary>
    public const double PaperEmaDecay = 0.9999;

    /// <summary>Optimizer updates.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Examples per step. 32 fits a 2-core CPU in about a second per step at 32×32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Peak Adam learning rate. The paper's 1e-4 is for batch 512 over 400k steps; a few thousand small-batch steps
    /// from scratch need a larger one, and 5e-4 stayed stable for the small models here.
    /// </summary>
    public double LearningRate { get; init; } = 5e-4;

    /// <summary>Adam β₁ (B.2).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β₂ (B.2: 0.99 rather than PyTorch's 0.999).</summary>
    public double Beta2 { get; init; } = 0.99;

    /// <summary>Adam ε (B.2).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Global gradient-norm clip (B.2, ml-mdm).</summary>
    public double GradientClipNorm { get; init; } = 2.0;

    /// <summary>Warm-up steps; null scales the paper's to this run: the same 2.5 % of the steps (at least 1).</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>EMA decay; null scales the paper's to this run: window 1/(1 − d) = 2.5 % of the steps (at least 1 step, d ≥ 0).</summary>
    public double? EmaDecay { get; init; }

    /// <summary>
    /// η in L = L_DM + η·L_AR (paper §3.3, value not given). 1 weighs a token's cross-entropy like a unit of ε-MSE;
    /// both are O(1) after stage 1, and the AR loss then only has to stay where stage 1 left it.
    /// </summary>
    public double ArWeight { get; init; } = 1.0;

    /// <summary>
    /// p_uncond: chance per sample of dropping caption and latents together, so the model also learns p(x)
    /// for classifier-free guidance. The paper names it without a value; 0.1 is the common choice.
    /// </summary>
    public double UnconditionalProbability { get; init; } = 0.1;

    /// <summary>Weights w_r of the per-resolution ε-MSE, highest resolution first; ml-mdm's 256px config uses [1, 1].</summary>
    public ImmutableArray<double> ResolutionWeights { get; init; } = [1.0, 1.0];

    /// <summary>
    /// How L_DM weighs each timestep's error. ε-MSE is ml-mdm's and the paper's default; v-MSE gives the high-noise
    /// steps, where layout is decided, 30–60× more weight (docs/training.md).
    /// </summary>
    public DiffusionLossWeighting LossWeighting { get; init; } = DiffusionLossWeighting.Epsilon;

    /// <summary>Seed of the initial weights and of every step's draws (shuffle, noise, timesteps, dropout).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Save a checkpoint every this many steps (and at the end); 0 saves only at the end.</summary>
    public int CheckpointEvery { get; init; } = 250;

    /// <summary>Print a progress line every this many steps.</summary>
    public int ReportEvery { get; init; } = 10;

    /// <summary>Warm-up steps this run uses: <see cref="WarmupSteps"/>, or 2.5 % of <see cref="Steps"/>.</summary>
    public int ResolvedWarmupSteps => WarmupSteps ?? Math.Max(1, (int)Math.Round((double)Steps * PaperWarmupSteps / PaperSteps));

    /// <summary>EMA decay this run uses: <see cref="EmaDecay"/>, or 1 − 1/window with window = 2.5 % of <see cref="Steps"/>.</summary>
    public double ResolvedEmaDecay
    {
        get
        {
            if (EmaDecay is { } decay)
                return decay;
            double window = Math.Max(1.0, (double)Steps * (1.0 / (1.0 - PaperEmaDecay)) / PaperSteps);
            return 1.0 - 1.0 / window;
        }
    }

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (Steps < 1) throw new TrainingInputException($"Steps must be at least 1, got {Steps}.");
        if (BatchSize < 1) throw new TrainingInputException($"BatchSize must be at least 1, got {BatchSize}.");
        if (!(LearningRate > 0)) throw new TrainingInputException($"LearningRate must be positive, got {LearningRate}.");
        if (!(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1)) throw new TrainingInputException($"Adam betas must be in [0, 1), got {Beta1}, {Beta2}.");
        if (!(Epsilon > 0)) throw new TrainingInputException($"Epsilon must be positive, got {Epsilon}.");
        if (!(GradientClipNorm > 0)) throw new TrainingInputException($"GradientClipNorm must be positive, got {GradientClipNorm}.");
        if (WarmupSteps is < 0) throw new TrainingInputException($"WarmupSteps must be >= 0, got {WarmupSteps}.");
        if (EmaDecay is { } d && !(d is >= 0 and < 1)) throw new TrainingInputException($"EmaDecay must be in [0, 1), got {d}.");
        if (!(ArWeight >= 0)) throw new TrainingInputException($"ArWeight (η) must be >= 0, got {ArWeight}.");
        if (!(UnconditionalProbability is >= 0 and <= 1))
            throw new TrainingInputException($"UnconditionalProbability must be in [0, 1], got {UnconditionalProbability}.");
        if (ResolutionWeights.IsDefault || ResolutionWeights.Length != 2 || ResolutionWeights.Any(w => !(w >= 0)))
            throw new TrainingInputException("ResolutionWeights must hold 2 weights >= 0, highest resolution first.");
        if (CheckpointEvery < 0) throw new TrainingInputException($"CheckpointEvery must be >= 0, got {CheckpointEvery}.");
        if (ReportEvery < 1) throw new TrainingInputException($"ReportEvery must be at least 1, got {ReportEvery}.");
    }
}

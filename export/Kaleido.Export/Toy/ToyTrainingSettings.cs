namespace Kaleido.Export.Toy;

/// <summary>How the toy models are trained. Immutable.</summary>
public sealed record ToyTrainingSettings
{
    /// <summary>3000 Adam steps: the per-mode shares stop moving well before that on this data.</summary>
    public int DenoiserSteps { get; init; } = 3000;

    /// <summary>512 points per step.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>2e-3, decayed by a cosine to 0 over the run so the last steps average out the gradient noise.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>p_uncond = 0.15: the share of rows trained with the null condition (Kaleido names it without a value).</summary>
    public double UnconditionalProbability { get; init; } = 0.15;

    /// <summary>300 steps of cross-entropy for the mode prior: it only has to learn 0.7/0.3 per class.</summary>
    public int PriorSteps { get; init; } = 300;

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        if (DenoiserSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(DenoiserSteps), DenoiserSteps, "Training needs at least one denoiser step.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be finite and > 0.");
        if (!(UnconditionalProbability > 0 && UnconditionalProbability < 1))
            throw new ArgumentOutOfRangeException(nameof(UnconditionalProbability), UnconditionalProbability,
                "p_uncond must be in (0, 1): guidance needs both the conditional and the unconditional model.");
        if (PriorSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(PriorSteps), PriorSteps, "Training needs at least one prior step.");
    }
}

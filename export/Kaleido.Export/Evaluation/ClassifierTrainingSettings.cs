namespace Kaleido.Export.Evaluation;

/// <summary>How the feature classifier is trained. Immutable.</summary>
public sealed record ClassifierTrainingSettings
{
    /// <summary>
    /// Adam steps. Colours and backgrounds are learned in a few hundred; shapes only start after about 1,000 and keep
    /// improving (held-out shape labels 88% after 4,000 steps of 64, 95% after 8,000, on 18,000 images; 8,000 take
    /// about 3.5 minutes on one core: docs/metrics.md).
    /// </summary>
    public int Steps { get; init; } = 8000;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's learning rate; the small network trains stably at this rate without a schedule.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Seeds the weights and the batch draws: the same seed and data give the same classifier.</summary>
    public ulong Seed { get; init; }

    /// <summary>The share of the manifest (its last lines) held out to measure accuracy.</summary>
    public double HoldoutShare { get; init; } = 0.2;

    /// <summary>Throws <see cref="EvaluationInputException"/> if a value is out of range.</summary>
    public void Validate()
    {
        if (Steps < 1)
            throw new EvaluationInputException($"The number of training steps must be at least 1; got {Steps}.");
        if (BatchSize < 1)
            throw new EvaluationInputException($"The batch size must be at least 1; got {BatchSize}.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new EvaluationInputException($"The learning rate must be a positive number; got {LearningRate}.");
        if (!(HoldoutShare > 0 && HoldoutShare < 1))
            throw new EvaluationInputException($"The held-out share must be between 0 and 1 (exclusive); got {HoldoutShare}.");
    }
}

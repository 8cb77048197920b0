namespace Kaleido.Export.Training;

/// <summary>
/// What one optimizer step did. Step counts from 1. L_AR is null in the baseline, L_DM null in stage 1.
/// </summary>
public sealed record StepReport(long Step, double Total, double? ArLoss, double? DiffusionLoss, double LearningRate, double Seconds);

namespace Kaleido.Export.Training;

/// <summary>
/// A step's loss was NaN or infinite. Thrown before that step updates the weights, so the run stops with the
/// last checkpoint on disk intact; <c>kaleido-export train</c> exits 1 with this message.
/// </summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

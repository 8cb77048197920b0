using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// The settings one prompt-file record sets for itself; null leaves the command-line value.
/// The start index is not here: it numbers a whole run.
/// </summary>
public sealed record GenerationOverrides
{
    /// <summary>No overrides: every value comes from the command line.</summary>
    public static GenerationOverrides None { get; } = new();

    public int? Count { get; init; }
    public int? Steps { get; init; }
    public float? Guidance { get; init; }
    public string? Sampler { get; init; }
    public double? Eta { get; init; }
    public int? GuidanceCutoff { get; init; }
    public double? Temperature { get; init; }
    public int? TopK { get; init; }
    public double? TopP { get; init; }
}

using Kaleido.Runtime.Prior;

namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// One request: a prompt, a seed and the image indices to make. Image i depends only on (seed, i, settings),
/// so indices [3] alone give the same bytes as the fourth image of [0, 1, 2, 3].
/// </summary>
public sealed record GenerationRequest(string Prompt, ulong Seed, IReadOnlyList<int> Indices)
{
    public RenderSettings Render { get; init; } = new();
    public PriorSamplingSettings Prior { get; init; } = new();

    /// <summary>Indices 0 … count − 1.</summary>
    public static IReadOnlyList<int> FirstIndices(int count) => Enumerable.Range(0, count).ToArray();
}

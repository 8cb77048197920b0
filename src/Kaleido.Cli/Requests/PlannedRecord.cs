using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// Everything needed to make one record's images: the prompt, its seed, its merged and validated
/// settings, and each image's index and file names. Image i of a request depends only on
/// (<see cref="Seed"/>, i, <see cref="Settings"/>, prompt).
/// </summary>
/// <param name="Seed">The record's own seed, or the one derived from the base seed (<see cref="SeedDerivation"/>).</param>
/// <param name="FileStem">What its output file names start with (<see cref="OutputNames"/>).</param>
public sealed record PlannedRecord(
    PromptRecord Record, ulong Seed, GenerationSettings Settings, string FileStem, IReadOnlyList<ImageIdentity> Images)
{
    public string Prompt => Record.Prompt;

    /// <summary>
    /// The run's base seed when <see cref="Seed"/> was derived from it, null when the record has its own seed: recorded
    /// beside the seed so that what the user typed (<c>--seed</c>) can be typed again.
    /// </summary>
    public ulong? BaseSeed { get; init; }

    /// <summary>
    /// What the pipeline takes to make <paramref name="image"/> (one of <see cref="Images"/>): this prompt and seed,
    /// that one index, and <see cref="Settings"/> split into its render and prior halves.
    /// </summary>
    public Kaleido.Runtime.Pipeline.GenerationRequest ForImage(ImageIdentity image) =>
        new(Prompt, Seed, [image.Index]) { Render = Settings.ToRenderSettings(), Prior = Settings.ToPriorSettings() };
}

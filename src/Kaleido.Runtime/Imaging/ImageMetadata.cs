namespace Kaleido.Runtime.Imaging;

/// <summary>
/// What a generated PNG carries about how it was made, enough to make it again
/// (PNG text keys in <see cref="ImageMetadataKeys"/>; docs/imaging.md).
/// </summary>
/// <param name="Prompt">The user's prompt, any Unicode.</param>
/// <param name="Seed">The image's seed (the noise key's seed; what <c>render --seed</c> takes).</param>
/// <param name="Index">This image's index within the request; with <paramref name="Seed"/> it fixes the noise.</param>
/// <param name="Steps">Number of denoising steps.</param>
/// <param name="Sampler">Sampler name, e.g. "ddpm" or "ddim".</param>
/// <param name="Guidance">Classifier-free guidance weight w.</param>
/// <param name="ModelId">Identifies the model package that made the image.</param>
/// <param name="Latents">The discrete latents as a JSON string (schema owned by the latents code), or null if none were used.</param>
public sealed record ImageMetadata(
    string Prompt,
    ulong Seed,
    int Index,
    int Steps,
    string Sampler,
    double Guidance,
    string ModelId,
    string? Latents)
{
    /// <summary>
    /// The run's base seed that <see cref="Seed"/> was derived from (what <c>generate --seed</c> takes), or null when
    /// the seed was given as is (a record's own seed, <c>render --seed</c>). Recorded so the seed a user typed can be
    /// typed again; the pixels depend on <see cref="Seed"/> alone.
    /// </summary>
    public ulong? BaseSeed { get; init; }

    /// <summary>
    /// Steps with table index t below this ran without guidance (<c>DenoiseLoopSettings.GuidanceCutoff</c>); 0, guidance at
    /// every step, is not written, so images made before the setting existed read back as what they are.
    /// </summary>
    public int GuidanceCutoff { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the package's <c>kaleido.json</c>, which pins every package file; null if unknown.</summary>
    public string? PackageSha256 { get; init; }

    /// <summary>The kaleido version that wrote the image, or null if unknown.</summary>
    public string? KaleidoVersion { get; init; }
}

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// What a generated PNG carries about how it was made, enough to make it again
/// (PNG text keys in <see cref="ImageMetadataKeys"/>; docs/imaging.md).
/// </summary>
/// <param name="Prompt">The user's prompt, any Unicode.</param>
/// <param name="Seed">The request seed (the noise key's seed).</param>
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
    string? Latents);

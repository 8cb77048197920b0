namespace Kaleido.Runtime.Imaging;

/// <summary>The PNG text keywords <see cref="ImageMetadata"/> is stored under (Latin-1, at most 79 bytes each).</summary>
public static class ImageMetadataKeys
{
    public const string Prompt = "prompt";
    public const string Seed = "seed";
    public const string Index = "index";
    public const string Steps = "steps";
    public const string Sampler = "sampler";
    public const string Guidance = "guidance";
    public const string ModelId = "model_id";
    public const string Latents = "latents";
    public const string BaseSeed = "base_seed";
    public const string PackageSha256 = "package_sha256";
    public const string KaleidoVersion = "kaleido_version";
    public const string GuidanceCutoff = "guidance_cutoff";

    /// <summary>
    /// The settings in the AUTOMATIC1111 web UI's form (<see cref="A1111Parameters"/>), which image viewers and
    /// galleries show; written, never read back (the keys above are the record).
    /// </summary>
    public const string Parameters = "parameters";
}

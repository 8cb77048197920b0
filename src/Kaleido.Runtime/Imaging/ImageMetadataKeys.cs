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
}

namespace Kaleido.Cli.Output;

/// <summary>
/// The PNG name <c>render</c> gives a latents document: <c>cat-0003.latents.json</c> → <c>cat-0003.render.png</c>
/// (any other name: its extension swapped for <c>.render.png</c>). Its own suffix, so a render into the folder that
/// <c>generate</c> wrote never collides with <c>cat-0003.png</c>, the image those latents first made.
/// </summary>
static class RenderOutputName
{
    public const string Suffix = ".render.png";
    const string LatentsSuffix = ".latents.json";

    public static string Of(string latentsPath)
    {
        string name = Path.GetFileName(latentsPath);
        string stem = name.EndsWith(LatentsSuffix, StringComparison.OrdinalIgnoreCase)
            ? name[..^LatentsSuffix.Length]
            : Path.GetFileNameWithoutExtension(name);
        return stem + Suffix;
    }
}

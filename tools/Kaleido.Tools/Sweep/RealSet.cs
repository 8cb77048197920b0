using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Sweep;

/// <summary>The real side of a sweep, read from a shapes-dataset manifest: the first images and the first distinct captions.</summary>
public sealed record RealSet(IReadOnlyList<byte[]> Images, IReadOnlyList<string> Captions)
{
    /// <summary>Reads at most <paramref name="imageCount"/> images and the first <paramref name="captionCount"/> distinct prompts.</summary>
    public static RealSet Load(string manifestPath, int imageCount, int captionCount)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var images = new List<byte[]>();
        var captions = new List<string>();
        foreach (var (document, lineNumber) in LatentsManifest.Read(manifestPath))
        {
            if (images.Count >= imageCount && captions.Count >= captionCount)
                break;
            if (captions.Count < captionCount && !captions.Contains(document.Prompt))
                captions.Add(document.Prompt);
            if (images.Count < imageCount)
            {
                if (document.ImagePath is null)
                    throw new ToolInputException($"{manifestPath}, line {lineNumber}: the record has no \"imagePath\".");
                images.Add(ReadImage(Path.Combine(folder, document.ImagePath), $"{manifestPath}, line {lineNumber}"));
            }
        }
        if (captions.Count < captionCount)
            throw new ToolInputException($"The manifest '{manifestPath}' has {captions.Count} distinct captions; the sweep asks for {captionCount}.");
        if (images.Count < imageCount)
            throw new ToolInputException($"The manifest '{manifestPath}' has {images.Count} images; the sweep asks for {imageCount} real ones (--real-count).");
        return new RealSet(images, captions);
    }

    static byte[] ReadImage(string path, string where)
    {
        if (!File.Exists(path))
            throw new ToolInputException($"{where}: the image '{path}' does not exist.");
        using var image = Image.Load<Rgb24>(path);
        if (image.Width != FeatureNetwork.Side || image.Height != FeatureNetwork.Side)
            throw new ToolInputException($"{where}: the image '{path}' is {image.Width}×{image.Height}; the feature network takes {FeatureNetwork.Side}×{FeatureNetwork.Side}.");
        var pixels = new byte[FeatureNetwork.Side * FeatureNetwork.Side * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}

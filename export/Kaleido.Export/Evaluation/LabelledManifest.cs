using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// Reads a shapes-dataset manifest (manifest-text.jsonl, or the bbox, blob or combined one: docs/dataset.md) into
/// images and their <see cref="SceneAttributes"/>. Problems throw <see cref="EvaluationInputException"/> naming the
/// file and line.
/// </summary>
public static class LabelledManifest
{
    public static IReadOnlyList<LabelledImage> Load(string manifestPath, int side)
    {
        if (!File.Exists(manifestPath))
            throw new EvaluationInputException($"The manifest '{manifestPath}' does not exist; expected a shapes-dataset manifest (JSON Lines).");
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        return ManifestRecords.Read(manifestPath, line =>
        {
            var document = LatentsDocumentReader.Read(line);
            if (document.ImagePath is null)
                throw new EvaluationInputException("the record has no \"imagePath\".");
            var attributes = SceneAttributes.Parse(document.Latents.ToText());
            return new LabelledImage(ReadImage(folder, document.ImagePath, side), attributes);
        }, (message, inner) => new EvaluationInputException(message, inner));
    }

    private static byte[] ReadImage(string folder, string relativePath, int side)
    {
        string path = Path.GetFullPath(Path.Combine(folder, relativePath));
        if (!File.Exists(path))
            throw new EvaluationInputException($"the image '{relativePath}' does not exist (looked for {path}).");
        using var image = Image.Load<Rgb24>(path);
        if (image.Width != side || image.Height != side)
            throw new EvaluationInputException($"the image '{relativePath}' is {image.Width}×{image.Height}; the classifier takes {side}×{side}.");
        var pixels = new byte[side * side * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}

using Kaleido.Runtime.Latents;

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
        var manifest = new ManifestRecords(manifestPath, (message, inner) => new EvaluationInputException(message, inner));
        return manifest.Read(line =>
        {
            var document = LatentsDocumentReader.Read(line);
            if (document.ImagePath is null)
                throw new EvaluationInputException("the record has no \"imagePath\".");
            var attributes = SceneAttributes.Parse(document.Latents.ToText());
            return new LabelledImage(manifest.ReadImage(document.ImagePath, side, $"the classifier takes {side}×{side}"), attributes);
        });
    }
}

using Kaleido.Export.Packaging;
using Kaleido.Runtime;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Training;

/// <summary>
/// Reads a dataset manifest: JSON Lines, one latents document per line (docs/latents.md) whose
/// <c>imagePath</c> names a PNG relative to the manifest's folder. Everything is tokenized and decoded
/// up front (a 32×32 dataset of 10k images is 30 MB), so steps never touch the disk.
/// </summary>
public static class ManifestDataset
{
    /// <summary>
    /// Loads every line. Captions are encoded at the prior's fixed caption length; latents as their canonical text
    /// (without eos, the batch adds it as the last target). Any problem throws <see cref="TrainingInputException"/>
    /// naming the file and line.
    /// </summary>
    public static IReadOnlyList<TrainingExample> Load(string manifestPath, KaleidoTokenizer tokenizer, ModelDefinition config)
    {
        if (!File.Exists(manifestPath))
            throw new TrainingInputException($"The manifest '{manifestPath}' does not exist; expected a JSON Lines file of latents documents.");
        if (tokenizer.VocabSize != config.Prior.VocabSize)
            throw new TrainingInputException(
                $"The tokenizer has {tokenizer.VocabSize} ids but the prior's vocabulary is {config.Prior.VocabSize}; they must match.");

        var manifest = new ManifestRecords(manifestPath, (message, inner) => new TrainingInputException(message, inner));
        return manifest.Read(line => ReadExample(line, manifest, tokenizer, config));
    }

    private static TrainingExample ReadExample(string line, ManifestRecords manifest, KaleidoTokenizer tokenizer, ModelDefinition config)
    {
        var document = LatentsDocumentReader.Read(line);
        if (document.ImagePath is null)
            throw new TrainingInputException("the record has no \"imagePath\"; a training record names its image.");

        var caption = tokenizer.EncodeFixedLength(document.Prompt, config.Prior.CaptionLength);
        // A region-masked model reads the tokens and their objects from the runtime's own parser and tokenizer.
        ObjectGrounding? grounding = config.Denoiser.Conditioning.IsRegionMasked
            ? ObjectGrounding.Locate(document.Latents, tokenizer)
            : null;
        int[] latents = grounding is null ? tokenizer.Encode(document.Latents.ToText()) : [.. grounding.LatentTokens];
        if (latents.Length > config.MaxLatentTokens)
            throw new TrainingInputException(
                $"the latents are {latents.Length} tokens long; this model takes at most {config.MaxLatentTokens}.");
        if (grounding is not null && grounding.Boxes.Count > config.Denoiser.Conditioning.MaxObjects)
            throw new TrainingInputException(
                $"the latents place {grounding.Boxes.Count} objects; this model grounds at most {config.Denoiser.Conditioning.MaxObjects}.");
        return new TrainingExample(caption.Ids, caption.AttentionMask, latents, manifest.ReadImage(document.ImagePath, config.ImageSide, $"this model trains on {config.ImageSide}×{config.ImageSide}"), grounding);
    }
}

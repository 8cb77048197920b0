using Kaleido.Export.Denoiser;
using Kaleido.Export.Onnx;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging;

/// <summary>
/// Writes a model package folder: the prior's graphs (a baseline keeps only the encoder, whose states are its
/// conditioning), denoiser.onnx, the tokenizer files, and kaleido.json through <see cref="PackageWriter"/>.
/// </summary>
public static class ModelPackageExporter
{
    public const string DenoiserFileName = "denoiser.onnx";

    /// <summary>
    /// Writes the package for <paramref name="weights"/> into <paramref name="directory"/> (created, or emptied
    /// when it already holds a package) and returns its manifest.
    /// </summary>
    public static PackageManifest Write(
        ModelWeights weights, string tokenizerDirectory, string directory, string modelId, bool float16Denoiser = false)
    {
        ModelDefinition definition = weights.Definition;
        KaleidoTokenizer tokenizer = LoadTokenizer(tokenizerDirectory);
        definition.Validate(tokenizer.Descriptor, tokenizerDirectory);
        PrepareFolder(directory);

        var files = new List<(string Path, string Role)>();
        string encoder = Path.Combine(directory, PriorOnnxExport.EncoderFileName);
        OnnxModelWriter.Save(PriorEncoderGraph.Build(weights.Prior), encoder, PriorOnnxExport.DefaultExternalThresholdBytes);
        AddWithData(files, PriorOnnxExport.EncoderFileName, PackageFileRoles.Encoder, PackageFileRoles.EncoderData, directory);
        if (definition.Kind == ModelKind.Kaleido)
        {
            string decoder = Path.Combine(directory, PriorOnnxExport.DecoderFileName);
            OnnxModelWriter.Save(PriorDecoderGraph.Build(weights.Prior), decoder, PriorOnnxExport.DefaultExternalThresholdBytes);
            AddWithData(files, PriorOnnxExport.DecoderFileName, PackageFileRoles.Decoder, PackageFileRoles.DecoderData, directory);
            PriorGenAiConfig.Write(definition.Prior, directory, PriorOnnxExport.DecoderFileName);
            files.Add((PriorOnnxExport.GenAiConfigFileName, PackageFileRoles.GenAiConfig));
        }

        DenoiserOnnxExporter.Export(weights.Denoiser, Path.Combine(directory, DenoiserFileName), definition.ImageSide, float16Denoiser);
        AddWithData(files, DenoiserFileName, PackageFileRoles.Denoiser, PackageFileRoles.DenoiserData, directory);

        TokenizerDescriptor descriptor = tokenizer.Descriptor;
        File.Copy(Path.Combine(tokenizerDirectory, TokenizerDescriptor.FileName), Path.Combine(directory, TokenizerDescriptor.FileName));
        File.Copy(Path.Combine(tokenizerDirectory, descriptor.RankFile), Path.Combine(directory, descriptor.RankFile));
        files.Add((TokenizerDescriptor.FileName, PackageFileRoles.Tokenizer));
        files.Add((descriptor.RankFile, PackageFileRoles.Tokenizer));

        return PackageWriter.Write(directory, Manifest(definition, descriptor, modelId), files);
    }

    /// <summary>The manifest without its file list (the writer adds it).</summary>
    public static PackageManifest Manifest(ModelDefinition definition, TokenizerDescriptor tokenizer, string modelId)
    {
        T5PriorConfig prior = definition.Prior;
        return new PackageManifest
        {
            Format = PackageManifest.FormatName,
            Version = PackageManifest.CurrentVersion,
            ModelId = modelId,
            Kind = definition.Kind,
            LatentKind = definition.LatentKind,
            Resolutions = definition.Resolutions,
            Schedule = definition.Schedule,
            Conditioning = definition.Conditioning,
            Tokens = new SpecialTokens(tokenizer.PadId, tokenizer.EosId, tokenizer.DecoderStartId, tokenizer.UnkId),
            Prior = definition.Kind == ModelKind.Kaleido
                ? new PriorSpec(prior.VocabSize, prior.DecoderLayers, prior.NumHeads, prior.DKv, prior.DecoderContextLength, tokenizer.CodebookSize)
                : null,
            Files = [],
        };
    }

    static KaleidoTokenizer LoadTokenizer(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ExportInputException($"Tokenizer folder '{directory}' does not exist.");
        return KaleidoTokenizer.Load(directory); // TokenizerException (a user error) names the file and field
    }

    /// <summary>Adds a graph and, when the writer moved weights out, its "&lt;file&gt;.data".</summary>
    static void AddWithData(List<(string Path, string Role)> files, string fileName, string role, string dataRole, string directory)
    {
        files.Add((fileName, role));
        if (File.Exists(Path.Combine(directory, fileName + ".data")))
            files.Add((fileName + ".data", dataRole));
    }

    /// <summary>Creates the folder, or empties it when it holds a previous package; refuses any other non-empty folder.</summary>
    static void PrepareFolder(string directory)
    {
        if (File.Exists(directory))
            throw new ExportInputException($"--out '{directory}' is a file; expected a folder for the package.");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            if (!File.Exists(Path.Combine(directory, ModelPackage.ManifestFileName)))
                throw new ExportInputException(
                    $"--out '{directory}' is not empty and holds no {ModelPackage.ManifestFileName}; refusing to overwrite it.");
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
    }
}

using System.CommandLine;
using Kaleido.Export.CommandLine;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging;

/// <summary>
/// <c>kaleido-export package</c>: builds a model from a preset with seeded random weights, or loads a checkpoint,
/// and writes its package.
/// </summary>
public static class PackageCommand
{
    public const string Name = "package";

    /// <summary>The first line of the help, above System.CommandLine's description and options.</summary>
    public const string Synopsis =
        "usage: kaleido-export package --config tiny|small|shapes|micro --kind kaleido|baseline [--latent-kind K] --tokenizer DIR " +
        "(--random-seed N | --checkpoint DIR) --out DIR [--model-id ID] [--denoiser-weights fp32|fp16]";

    /// <summary>The command's options, as System.CommandLine parses them and prints their help.</summary>
    internal static Command Command { get; } = ExportCommandLine.Command(Name,
        "Writes a model package (kaleido.json, ONNX graphs, tokenizer) of a preset with seeded random weights or of a checkpoint " +
        "(docs/packages.md). Mistakes print one line and exit 2.",
        ExportCommandLine.Text("--config", "model preset (tiny, small, shapes, micro); may be left out with --checkpoint", "NAME"),
        ExportCommandLine.Text("--kind", "kaleido or baseline; may be left out with --checkpoint", "kaleido|baseline"),
        ExportCommandLine.Text("--latent-kind", "text, bbox, blob, voken or combined (kaleido models only)", "K"),
        ExportCommandLine.Text("--tokenizer", "the tokenizer folder", required: true),
        CommandOptions.NonNegativeInt64("--random-seed", "seeded random weights"),
        ExportCommandLine.Text("--checkpoint", "a model checkpoint (model/) or a kaleido or baseline training checkpoint folder", "DIR"),
        ExportCommandLine.Text("--out", "the package folder (created; a previous package there is replaced)", required: true),
        ExportCommandLine.Text("--model-id", "the manifest's modelId (default <config>-<latent kind> or <config>-baseline)", "ID"),
        new Option<string>("--denoiser-weights") { Description = "fp32 (default) or fp16-stored denoiser weights", HelpName = "fp32|fp16" }
            .AcceptOnlyFromAmong("fp32", "fp16"));

    public static void Run(CommandOptions options)
    {
        string tokenizerDirectory = options.Required("tokenizer");
        string output = options.Required("out");
        string? preset = options.Optional("config");
        string? kindName = options.Optional("kind");
        string? latentKind = options.Optional("latent-kind");
        long? seed = options.OptionalInt64("random-seed");
        string? checkpoint = options.Optional("checkpoint");
        string? modelId = options.Optional("model-id");
        // fp16-stored weights halve the denoiser's file; ORT upcasts them to fp32 on CPU (docs/denoiser.md).
        bool float16Denoiser = options.Optional("denoiser-weights") == "fp16";

        if ((seed is null) == (checkpoint is null))
            throw new ExportInputException("package: give exactly one of --random-seed N and --checkpoint DIR.");

        using ModelWeights weights = checkpoint is not null
            ? FromCheckpoint(checkpoint, preset, kindName, latentKind)
            : FromPreset(tokenizerDirectory, preset, kindName, latentKind, seed!.Value);
        ModelDefinition d = weights.Definition;
        modelId ??= $"{d.Preset}-{(d.Kind == ModelKind.Kaleido ? d.LatentKind : "baseline")}";
        PackageManifest manifest = ModelPackageExporter.Write(weights, tokenizerDirectory, output, modelId, float16Denoiser);
        Console.Out.WriteLine($"wrote package '{manifest.ModelId}' to {output} ({manifest.Files.Count} files, {manifest.Files.Sum(f => f.Size):N0} bytes)");
    }

    static ModelWeights FromPreset(string tokenizerDirectory, string? preset, string? kindName, string? latentKind, long seed)
    {
        if (preset is null || kindName is null)
            throw new ExportInputException("package: --config and --kind are required with --random-seed.");
        ModelKind kind = ParseKind(kindName, latentKind);
        if (!Directory.Exists(tokenizerDirectory))
            throw new ExportInputException($"Tokenizer folder '{tokenizerDirectory}' does not exist.");
        TokenizerDescriptor tokenizer = TokenizerDescriptor.Read(tokenizerDirectory);
        ModelDefinition definition = ModelPresets.Create(preset, kind, latentKind, tokenizer);
        definition.Validate(tokenizer, tokenizerDirectory);
        return ModelWeights.Random(definition, seed);
    }

    /// <summary>
    /// A checkpoint carries its own definition (a model checkpoint's checkpoint.json, or a training checkpoint's
    /// model.json beside its EMA weights); options given beside it must agree with it.
    /// </summary>
    static ModelWeights FromCheckpoint(string checkpoint, string? preset, string? kindName, string? latentKind)
    {
        ModelWeights weights = File.Exists(Path.Combine(checkpoint, Training.TrainingCheckpoint.StateFile))
            ? Training.TrainingCheckpoint.LoadEmaModel(checkpoint)
            : ModelCheckpoint.Load(checkpoint);
        ModelDefinition d = weights.Definition;
        string? mismatch =
            preset is not null && preset != d.Preset ? $"--config {preset} but the checkpoint is '{d.Preset}'"
            : kindName is not null && ParseKind(kindName, latentKind) != d.Kind ? $"--kind {kindName} but the checkpoint is '{d.Kind.ToString().ToLowerInvariant()}'"
            : latentKind is not null && latentKind != d.LatentKind ? $"--latent-kind {latentKind} but the checkpoint's is '{d.LatentKind ?? "none"}'"
            : null;
        if (mismatch is null)
            return weights;
        weights.Dispose();
        throw new ExportInputException($"package: {mismatch}.");
    }

    static ModelKind ParseKind(string name, string? latentKind)
    {
        ModelKind kind = name switch
        {
            "kaleido" => ModelKind.Kaleido,
            "baseline" => ModelKind.Baseline,
            _ => throw new ExportInputException($"package: --kind is '{name}'; expected kaleido or baseline."),
        };
        if (kind == ModelKind.Kaleido && latentKind is null)
            throw new ExportInputException("package: a kaleido model needs --latent-kind (text, bbox, blob, voken or combined).");
        if (kind == ModelKind.Baseline && latentKind is not null)
            throw new ExportInputException("package: a baseline model has no latents; drop --latent-kind.");
        return kind;
    }
}

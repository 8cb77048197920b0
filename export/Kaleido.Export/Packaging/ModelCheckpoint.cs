using System.Text.Json;
using Kaleido.Export.Denoiser;
using Kaleido.Export.Prior;

namespace Kaleido.Export.Packaging;

/// <summary>
/// Our checkpoint format: a folder with <c>checkpoint.json</c> (the <see cref="ModelDefinition"/> with its noise
/// schedule, so loading rebuilds exactly the model that was saved; a header written before the schedule was
/// recorded reads as <see cref="ModelDefinition.DefaultSchedule"/>) and each network's state dict written by TorchSharp's
/// <c>module.save</c> (<c>prior.bin</c>, <c>denoiser.bin</c>).
/// </summary>
public static class ModelCheckpoint
{
    public const string HeaderFileName = "checkpoint.json";
    public const string PriorFileName = "prior.bin";
    public const string DenoiserFileName = "denoiser.bin";
    public const string FormatName = "kaleido-checkpoint";
    public const int CurrentVersion = 1;

    static JsonSerializerOptions Json => ModelDefinition.Json;

    sealed record Header(string Format, int Version, ModelDefinition Model);

    public static void Save(ModelWeights weights, string directory)
    {
        Directory.CreateDirectory(directory);
        weights.Prior.save(Path.Combine(directory, PriorFileName));
        weights.Denoiser.save(Path.Combine(directory, DenoiserFileName));
        File.WriteAllText(Path.Combine(directory, HeaderFileName),
            JsonSerializer.Serialize(new Header(FormatName, CurrentVersion, weights.Definition), Json) + "\n");
    }

    /// <exception cref="ExportInputException">The folder is not a readable checkpoint.</exception>
    public static ModelWeights Load(string directory)
    {
        string headerPath = Path.Combine(directory, HeaderFileName);
        if (!File.Exists(headerPath))
            throw new ExportInputException($"Checkpoint '{directory}' has no {HeaderFileName}; expected a folder written by the trainer.");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(File.ReadAllText(headerPath), Json)
                ?? throw new ExportInputException($"'{headerPath}' holds null; expected a checkpoint header.");
        }
        catch (JsonException e)
        {
            throw new ExportInputException($"'{headerPath}' is not a valid checkpoint header: {e.Message}");
        }
        if (header.Format != FormatName || header.Version != CurrentVersion)
            throw new ExportInputException(
                $"'{headerPath}' is format '{header.Format}' version {header.Version}; expected '{FormatName}' version {CurrentVersion}.");

        return LoadWeights(header.Model, Path.Combine(directory, PriorFileName), Path.Combine(directory, DenoiserFileName));
    }

    /// <summary>Builds the networks <paramref name="definition"/> describes and loads their state dicts strictly.</summary>
    /// <exception cref="ExportInputException">A file is missing or does not fit the definition.</exception>
    internal static ModelWeights LoadWeights(ModelDefinition definition, string priorPath, string denoiserPath)
    {
        var prior = new T5Prior(definition.Prior);
        var denoiser = new NestedUNet(definition.Denoiser);
        try
        {
            LoadState(prior, priorPath);
            LoadState(denoiser, denoiserPath);
        }
        catch
        {
            prior.Dispose();
            denoiser.Dispose();
            throw;
        }
        prior.eval();
        denoiser.eval();
        return new ModelWeights(definition, prior, denoiser);
    }

    static void LoadState(TorchSharp.torch.nn.Module module, string path)
    {
        if (!File.Exists(path))
            throw new ExportInputException($"Checkpoint file '{path}' is missing.");
        try
        {
            module.load(path, strict: true);
        }
        catch (ArgumentException e)
        {
            throw new ExportInputException($"Checkpoint file '{path}' does not fit the model its header describes: {e.Message}");
        }
    }
}

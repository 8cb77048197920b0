using System.Text.Json;
using System.Text.Json.Serialization;
using Kaleido.Export.Denoiser;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Diffusion.Schedules;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging;

/// <summary>
/// The one model card of export: everything that fixes a model's shapes (the prior, the denoiser, the image side,
/// how the denoiser is conditioned) and the noise schedule it is trained with. Training derives its tensors' shapes
/// and its schedule from it, both checkpoint folders store it, and a package's manifest is derived from it.
/// </summary>
/// <param name="Preset">The preset it was built from (<c>tiny</c>, <c>small</c>), for the model id.</param>
/// <param name="Kind">Kaleido (caption states + latent states) or baseline (caption states only).</param>
/// <param name="LatentKind">The latent kind the prior samples (<c>text</c>, <c>bbox</c>, …); null for baselines.</param>
/// <param name="Prior">The T5 prior; a baseline uses only its encoder.</param>
/// <param name="Denoiser">The nested UNet; its conditioning width is the prior's d_model.</param>
/// <param name="ImageSide">Side of the highest-resolution image.</param>
public sealed record ModelDefinition(
    string Preset, ModelKind Kind, string? LatentKind, T5PriorConfig Prior, NestedUNetConfig Denoiser, int ImageSide)
{
    /// <summary>
    /// The schedule of every model so far: the squared-cosine table of DeepFloyd/ml-mdm with SNR shifted by the size
    /// ratio (p = 1) above the lowest resolution. A definition written before the schedule was recorded reads as this.
    /// </summary>
    public static ScheduleSpec DefaultSchedule { get; } = new(ScheduleSpec.SquaredCosineName, ShiftPower: 1);

    /// <summary>The noise schedule the denoiser is trained with, as the package's manifest records it.</summary>
    public ScheduleSpec Schedule { get; init; } = DefaultSchedule;

    /// <summary>How both checkpoint formats write a definition (camelCase, enums as names, unknown fields refused).</summary>
    internal static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The training-side settings of <see cref="Schedule"/> (T = 1000, ml-mdm's logSNR range).</summary>
    [JsonIgnore]
    public NoiseScheduleSettings NoiseSchedule => Schedule.ToSettings()
        ?? throw new ExportInputException($"Schedule '{Schedule.Name}' is unknown; expected one of {string.Join(", ", ScheduleSpec.Names)}.");

    /// <summary>Image sides, highest first: the outer UNet's and the inner UNet's.</summary>
    [JsonIgnore]
    public int[] Resolutions => [ImageSide, ImageSide / Denoiser.NestRatio];

    /// <summary>Latent tokens the prior may sample: the decoder context holds start + latents + eos.</summary>
    [JsonIgnore]
    public int MaxLatentTokens => Prior.DecoderContextLength - 2;

    /// <summary>Decoder rows the denoiser reads: the start token plus the longest latent sequence (runtime <c>DecoderInputs.Length</c>).</summary>
    [JsonIgnore]
    public int DecoderLength => DecoderInputs.Length(MaxLatentTokens);

    /// <summary>Side of the low-resolution image: the image side over the nest ratio.</summary>
    [JsonIgnore]
    public int LowImageSide => ImageSide / Denoiser.NestRatio;

    /// <summary>
    /// The denoiser's conditioning rows (docs: ConditioningSpec): the caption's states, then for Kaleido models
    /// the decoder states at [start, z₁, …, zₙ] (<see cref="DecoderInputs.Length"/> of them).
    /// </summary>
    [JsonIgnore]
    public ConditioningSpec Conditioning => new(
        MaxCaptionTokens: Prior.CaptionLength,
        MaxLatentTokens: Kind == ModelKind.Kaleido ? MaxLatentTokens : 0,
        Length: Prior.CaptionLength + (Kind == ModelKind.Kaleido ? DecoderLength : 0),
        Width: Prior.DModel)
    {
        Grounding = Denoiser.Conditioning.IsRegionMasked
            ? new GroundingSpec(GroundingSpec.RegionMasked, Denoiser.Conditioning.MaxObjects)
            : null,
    };

    [JsonIgnore]
    public SpecialTokens Tokens => new((int)Prior.PadId, (int)Prior.EosId, (int)Prior.DecoderStartId, KaleidoSpecialTokens.UnkId);

    /// <summary>Throws <see cref="ExportInputException"/> when the parts do not fit each other or the tokenizer.</summary>
    public void Validate(TokenizerDescriptor tokenizer, string tokenizerSource)
    {
        Prior.Validate();
        Denoiser.Validate();
        if (Prior.VocabSize != tokenizer.VocabSize)
            throw new ExportInputException(
                $"The prior's vocabulary has {Prior.VocabSize} ids but the tokenizer '{tokenizerSource}' has vocabSize {tokenizer.VocabSize}; they must be equal.");
        if (Prior.PadId != tokenizer.PadId || Prior.EosId != tokenizer.EosId || Prior.DecoderStartId != tokenizer.DecoderStartId)
            throw new ExportInputException(
                $"The prior's pad/eos/start ids ({Prior.PadId}/{Prior.EosId}/{Prior.DecoderStartId}) differ from the tokenizer '{tokenizerSource}' " +
                $"({tokenizer.PadId}/{tokenizer.EosId}/{tokenizer.DecoderStartId}).");
        Validate();
    }

    /// <summary>Throws <see cref="ExportInputException"/> when the parts do not fit each other (no tokenizer needed).</summary>
    public void Validate()
    {
        Prior.Validate();
        Denoiser.Validate();
        if (Denoiser.Conditioning.LmWidth != Prior.DModel)
            throw new ExportInputException(
                $"The denoiser's conditioning width is {Denoiser.Conditioning.LmWidth} but the prior's d_model is {Prior.DModel}; they must be equal.");
        if ((Kind == ModelKind.Kaleido) != (LatentKind is not null))
            throw new ExportInputException("A kaleido model names its latent kind; a baseline model has none.");
        if (LatentKind is not null && !Kaleido.Runtime.Latents.LatentKindNames.TryParse(LatentKind, out _))
            throw new ExportInputException(
                $"Latent kind '{LatentKind}' is unknown; expected one of {string.Join(", ", Kaleido.Runtime.Latents.LatentKindNames.All)}.");
        if (ImageSide <= 0 || ImageSide % (Denoiser.NestRatio * Denoiser.Inner.DownsampleFactor) != 0)
            throw new ExportInputException(
                $"Image side {ImageSide} must be a positive multiple of {Denoiser.NestRatio * Denoiser.Inner.DownsampleFactor} for this denoiser.");
        if (MaxLatentTokens < 1)
            throw new ExportInputException($"The prior's decoder context ({Prior.DecoderContextLength}) leaves no room for latent tokens.");
        if (Schedule.ToSettings() is null || !double.IsFinite(Schedule.ShiftPower) || Schedule.ShiftPower < 0)
            throw new ExportInputException(
                $"Schedule '{Schedule.Name}' with shift power {Schedule.ShiftPower} is not supported; expected squaredcos or cosine with a power >= 0.");
    }

    /// <summary>The definition as its JSON file holds it (model.json, checkpoint.json's "model").</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a definition written by <see cref="ToJson"/>; a file without a schedule reads as <see cref="DefaultSchedule"/>.</summary>
    /// <exception cref="ExportInputException">The file is missing or not a model definition.</exception>
    public static ModelDefinition Read(string path)
    {
        if (!File.Exists(path))
            throw new ExportInputException($"'{path}' does not exist; expected a model definition.");
        try
        {
            return JsonSerializer.Deserialize<ModelDefinition>(File.ReadAllText(path), Json)
                ?? throw new ExportInputException($"'{path}' holds null; expected a model definition.");
        }
        catch (JsonException e)
        {
            throw new ExportInputException($"'{path}' is not a valid model definition: {e.Message}");
        }
    }

    /// <summary>
    /// The top-level fields in which <paramref name="other"/> differs from this definition, each with both values,
    /// e.g. <c>imageSide 32 vs 16</c>; empty when they are the same model.
    /// </summary>
    public IReadOnlyList<string> Differences(ModelDefinition other)
    {
        var mine = System.Text.Json.Nodes.JsonNode.Parse(ToJson())!.AsObject();
        var theirs = System.Text.Json.Nodes.JsonNode.Parse(other.ToJson())!.AsObject();
        var compact = new JsonSerializerOptions { WriteIndented = false };
        string Text(System.Text.Json.Nodes.JsonNode? node) => node?.ToJsonString(compact) ?? "null";
        return mine.Select(p => p.Key).Union(theirs.Select(p => p.Key))
            .Where(key => Text(mine[key]) != Text(theirs[key]))
            .Select(key => $"{key} {Text(mine[key])} vs {Text(theirs[key])}")
            .ToArray();
    }
}

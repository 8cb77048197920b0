using System.Text.Json.Serialization;
using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Runtime.Package;

/// <summary>
/// The contents of a package's <c>kaleido.json</c>: what the model is, how it was trained to be
/// conditioned and sampled, and every file it ships with its size and SHA-256. The manifest is
/// the only contract between the exporter and the runtime.
/// </summary>
public sealed record PackageManifest
{
    /// <summary>The value of <see cref="Format"/> in every package.</summary>
    public const string FormatName = "kaleido-package";

    /// <summary>The manifest version this runtime reads.</summary>
    public const int CurrentVersion = 1;

    public required string Format { get; init; }
    public required int Version { get; init; }
    public required string ModelId { get; init; }

    /// <summary><c>kaleido</c> (prior + denoiser) or <c>baseline</c> (denoiser on the caption alone).</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>The latent kind the prior samples (<c>text</c>, <c>bbox</c>, …); null for baselines.</summary>
    public string? LatentKind { get; init; }

    /// <summary>Image sizes of the nested denoiser's outputs, highest first; the first is the image.</summary>
    public required IReadOnlyList<int> Resolutions { get; init; }

    public required ScheduleSpec Schedule { get; init; }
    public required ConditioningSpec Conditioning { get; init; }
    public required SpecialTokens Tokens { get; init; }

    /// <summary>The prior's decoder sizes, for running decoder.onnx outside GenAI; null for baselines.</summary>
    public PriorSpec? Prior { get; init; }

    public required IReadOnlyList<PackageFile> Files { get; init; }

    /// <summary>The manifest as <c>kaleido.json</c> holds it, through the generated serializer.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, PackageJsonContext.Default.PackageManifest);
}

[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    Kaleido,
    Baseline,
}

/// <summary>The noise schedule the denoiser was trained with.</summary>
/// <param name="Name">Table shape: <c>squaredcos</c> (DeepFloyd) or <c>cosine</c> (logSNR cosine).</param>
/// <param name="ShiftPower">p in SNR' = SNR / s^p for resolutions above the lowest (s = size ratio).</param>
public sealed record ScheduleSpec(string Name, double ShiftPower)
{
    /// <summary>The manifest's name of the DeepFloyd squared-cosine table.</summary>
    public const string SquaredCosineName = "squaredcos";

    /// <summary>The manifest's name of the logSNR-cosine table.</summary>
    public const string LogSnrCosineName = "cosine";

    /// <summary>The manifest's names, the one mapping between them and <see cref="NoiseScheduleKind"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [SquaredCosineName, LogSnrCosineName];

    /// <summary>The schedule settings this spec names; null for a name that is not one of <see cref="Names"/>.</summary>
    public NoiseScheduleSettings? ToSettings() => Name switch
    {
        SquaredCosineName => new NoiseScheduleSettings { Kind = NoiseScheduleKind.SquaredCosine, ShiftPower = ShiftPower },
        LogSnrCosineName => new NoiseScheduleSettings { Kind = NoiseScheduleKind.LogSnrCosine, ShiftPower = ShiftPower },
        _ => null,
    };

    /// <summary>The spec that records <paramref name="settings"/> in a manifest.</summary>
    public static ScheduleSpec From(NoiseScheduleSettings settings) => new(
        settings.Kind switch
        {
            NoiseScheduleKind.SquaredCosine => SquaredCosineName,
            NoiseScheduleKind.LogSnrCosine => LogSnrCosineName,
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "No manifest name for this schedule kind."),
        },
        settings.ShiftPower);
}

/// <summary>
/// How the denoiser's conditioning sequence is built. Every row is padded to <see cref="Length"/>
/// tokens, never to a batch's longest, so an image never depends on its neighbours.
/// </summary>
/// <param name="MaxCaptionTokens">Caption tokens (eos included) the encoder takes.</param>
/// <param name="MaxLatentTokens">Latent tokens the prior may sample (eos excluded).</param>
/// <param name="Length">Conditioning length: captions, plus start + latents for Kaleido models (the decoder
/// reads shift_right(latents + eos), which is start + latents).</param>
/// <param name="Width">Feature width of each conditioning token (the T5 d_model).</param>
public sealed record ConditioningSpec(int MaxCaptionTokens, int MaxLatentTokens, int Length, int Width)
{
    /// <summary>
    /// How the denoiser ties latent tokens to places: null (absent from kaleido.json) for the paper's conditioning,
    /// which has no grounding inputs; else the grounding the denoiser graph takes (docs/grounding.md).
    /// </summary>
    public GroundingSpec? Grounding { get; init; }
}

/// <summary>
/// Region-masked cross-attention (our addition, beyond the paper): the denoiser also takes the object each
/// conditioning token spells and the objects' boxes, and each object's tokens are attended only from inside its box.
/// </summary>
/// <param name="Kind">The grounding's name; <see cref="RegionMasked"/> is the only one.</param>
/// <param name="MaxObjects">Objects one set of latents may place (the regions input's second axis).</param>
public sealed record GroundingSpec(string Kind, int MaxObjects)
{
    public const string RegionMasked = "region-masked";

    /// <summary>Most objects a package may declare: the graph builds an objects × cells mask per attention layer.</summary>
    public const int MaxObjectsLimit = 64;
}

/// <summary>
/// What the runtime needs to run decoder.onnx itself (the teacher-forced pass over given latents, with an
/// empty KV cache of one key/value pair per layer) and to check sampled latents.
/// </summary>
/// <param name="VocabSize">Logits width; equals the tokenizer's vocabSize.</param>
/// <param name="DecoderLayers">Number of past/present key-value pairs.</param>
/// <param name="Heads">Attention heads of each cache entry [B, H, past, HeadSize].</param>
/// <param name="HeadSize">Per-head width of each cache entry.</param>
/// <param name="ContextLength">Longest decoder sequence: start + latents + eos (GenAI's max_length).</param>
/// <param name="CodebookSize">K, the tokenizer's number of visual codes (the voken range).</param>
public sealed record PriorSpec(int VocabSize, int DecoderLayers, int Heads, int HeadSize, int ContextLength, int CodebookSize);

/// <summary>Token ids the runtime must know; they differ from each other (GenAI masks pad tokens).</summary>
public sealed record SpecialTokens(int Pad, int Eos, int DecoderStart, int Unk);

/// <summary>One file of the package, relative to the package folder.</summary>
/// <param name="Role">What the runtime uses it for: see <see cref="PackageFileRoles"/>.</param>
public sealed record PackageFile(string Path, string Role, long Size, string Sha256);

/// <summary>The roles a <see cref="PackageFile"/> can have.</summary>
public static class PackageFileRoles
{
    public const string Encoder = "encoder";
    public const string EncoderData = "encoder-data";
    public const string Decoder = "decoder";
    public const string DecoderData = "decoder-data";
    public const string GenAiConfig = "genai-config";
    public const string Denoiser = "denoiser";
    public const string DenoiserData = "denoiser-data";
    public const string Tokenizer = "tokenizer";
}

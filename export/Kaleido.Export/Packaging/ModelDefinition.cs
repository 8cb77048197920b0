using System.Text.Json.Serialization;
using Kaleido.Export.Denoiser;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging;

/// <summary>
/// Everything that fixes a model's shapes: the prior, the denoiser, the image side, and how the denoiser is
/// conditioned. A checkpoint stores it; a package's manifest is derived from it.
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
    /// <summary>Image sides, highest first: the outer UNet's and the inner UNet's.</summary>
    [JsonIgnore]
    public int[] Resolutions => [ImageSide, ImageSide / Denoiser.NestRatio];

    /// <summary>Latent tokens the prior may sample: the decoder context holds start + latents + eos.</summary>
    [JsonIgnore]
    public int MaxLatentTokens => Prior.DecoderContextLength - 2;

    /// <summary>
    /// The denoiser's conditioning rows (docs: ConditioningSpec): the caption's states, then for Kaleido models
    /// the decoder states at [start, z₁, …, zₙ] (<see cref="DecoderInputs.Length"/> of them).
    /// </summary>
    [JsonIgnore]
    public ConditioningSpec Conditioning => new(
        MaxCaptionTokens: Prior.CaptionLength,
        MaxLatentTokens: Kind == ModelKind.Kaleido ? MaxLatentTokens : 0,
        Length: Prior.CaptionLength + (Kind == ModelKind.Kaleido ? DecoderInputs.Length(MaxLatentTokens) : 0),
        Width: Prior.DModel);

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
    }
}

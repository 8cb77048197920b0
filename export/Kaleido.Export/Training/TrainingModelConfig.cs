using Kaleido.Export.Denoiser;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Training;

/// <summary>
/// The shapes one training run needs: the prior, the denoiser, the longest latent sequence and the image side.
/// The denoiser reads the prior's states, so its conditioning width must equal the prior's d_model.
/// </summary>
public sealed record TrainingModelConfig(T5PriorConfig Prior, NestedUNetConfig Denoiser, int MaxLatentTokens, int ImageSize)
{
    /// <summary>Decoder rows: the start token plus the longest latent sequence (runtime <c>DecoderInputs.Length</c>).</summary>
    public int DecoderLength => Runtime.Conditioning.DecoderInputs.Length(MaxLatentTokens);

    /// <summary>Side of the low-resolution image: the image side over the nest ratio.</summary>
    public int LowImageSize => ImageSize / Denoiser.NestRatio;

    /// <summary>The special ids as the runtime's package manifest carries them.</summary>
    public SpecialTokens Tokens => new((int)Prior.PadId, (int)Prior.EosId, (int)Prior.DecoderStartId, KaleidoSpecialTokens.UnkId);

    /// <summary>Test size: the tiny prior and the tiny denoiser at 16×16 (inner 8×8); a step takes milliseconds.</summary>
    public static TrainingModelConfig Tiny { get; } = new(
        T5PriorConfig.Tiny,
        WithLmWidth(DenoiserConfigs.Tiny, T5PriorConfig.Tiny.DModel),
        MaxLatentTokens: 7,
        ImageSize: 16);

    /// <summary>
    /// The shapes of a package preset (<see cref="Packaging.ModelPresets"/>), so that training and packaging
    /// share one definition: the latent length is the one the package's manifest records.
    /// </summary>
    public static TrainingModelConfig From(Packaging.ModelDefinition definition) =>
        new(definition.Prior, definition.Denoiser, definition.MaxLatentTokens, definition.ImageSide);

    /// <summary>The denoiser <paramref name="config"/> reading states of width <paramref name="lmWidth"/>.</summary>
    public static NestedUNetConfig WithLmWidth(NestedUNetConfig config, int lmWidth) =>
        config with { Conditioning = config.Conditioning with { LmWidth = lmWidth } };

    /// <summary>Throws naming the field when the shapes do not fit together.</summary>
    public void Validate()
    {
        Prior.Validate();
        Denoiser.Validate();
        if (Denoiser.Conditioning.LmWidth != Prior.DModel)
            throw new ArgumentException(
                $"Denoiser.Conditioning.LmWidth ({Denoiser.Conditioning.LmWidth}) must equal Prior.DModel ({Prior.DModel}): the denoiser reads the prior's states.");
        if (MaxLatentTokens < 1 || DecoderLength > Prior.DecoderContextLength)
            throw new ArgumentException(
                $"MaxLatentTokens must be in 1..{Prior.DecoderContextLength - 1} (start token + latents fit the decoder context), got {MaxLatentTokens}.");
        int multiple = Denoiser.NestRatio * Denoiser.Inner.DownsampleFactor;
        if (ImageSize <= 0 || ImageSize % multiple != 0)
            throw new ArgumentException($"ImageSize must be a positive multiple of {multiple} (nest ratio × inner downsampling), got {ImageSize}.");
    }
}

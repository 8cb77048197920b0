using Kaleido.Export.Denoiser;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Packaging;

/// <summary>
/// The model sizes the <c>package</c> command builds. The prior's vocabulary and special ids come from the
/// tokenizer, and the denoiser's conditioning width from the prior, so the parts always fit.
/// </summary>
public static class ModelPresets
{
    public const string Tiny = "tiny";
    public const string Small = "small";
    public const string Shapes = "shapes";
    public const string Micro = "micro";

    public static IReadOnlyList<string> Names { get; } = [Tiny, Small, Shapes, Micro];

    /// <summary>
    /// Tiny: the test prior with captions of up to 47 tokens plus eos and 62 latent tokens (room for the
    /// fixtures' byte-level captions and latents; the 8/16 of <see cref="T5PriorConfig.Tiny"/> are for
    /// random-id parity tests), the test denoiser at 16×16 with an 8×8 inner network.
    /// Small: the CPU-trainable prior and denoiser, 32×32 with a 16×16 inner network.
    /// Shapes: the shipped models — the small denoiser with the compact <see cref="T5PriorConfig.Shapes"/> prior.
    /// Micro: the training tests' model, smaller than tiny so that a test step takes milliseconds — the
    /// <see cref="T5PriorConfig.Tiny"/> prior with its captions of 8 tokens and 7 latent tokens (decoder context
    /// start + 7 + eos), the tiny denoiser at 16×16. It is not tiny: the fixtures' byte-level captions and latents
    /// need tiny's 48 and 62, and the training tests' measured losses were taken at micro's sizes.
    /// Every preset has the <see cref="ModelDefinition.DefaultSchedule"/>.
    /// </summary>
    public static ModelDefinition Create(string preset, ModelKind kind, string? latentKind, TokenizerDescriptor tokenizer)
    {
        ModelDefinition definition = Create(preset, kind, latentKind, tokenizer.VocabSize);
        return definition with
        {
            Prior = definition.Prior with { PadId = tokenizer.PadId, EosId = tokenizer.EosId, DecoderStartId = tokenizer.DecoderStartId },
        };
    }

    /// <summary>Objects a region-masked preset grounds: the dataset's scenes hold at most 3, so 8 leaves room for edits.</summary>
    public const int RegionMaskedObjects = 8;

    /// <summary>
    /// <paramref name="definition"/> with region-masked cross-attention (docs/grounding.md) for up to
    /// <see cref="RegionMaskedObjects"/> objects; its latent kind must place objects.
    /// </summary>
    public static ModelDefinition RegionMasked(ModelDefinition definition)
    {
        if (definition.Kind != ModelKind.Kaleido || !Kaleido.Runtime.Latents.LatentKindNames.PlacesObjects(definition.LatentKind))
            throw new ExportInputException(
                $"Region-masked conditioning needs a kaleido model whose latents place objects (bbox, blob or combined); got {definition.Kind.ToString().ToLowerInvariant()} with '{definition.LatentKind}'.");
        var denoiser = definition.Denoiser;
        return definition with
        {
            Denoiser = denoiser with { Conditioning = denoiser.Conditioning with { MaxObjects = RegionMaskedObjects } },
        };
    }

    /// <summary>The preset for a vocabulary of <paramref name="vocabSize"/> ids with T5's pad/eos/start ids 0/1/2 (tests without a tokenizer).</summary>
    public static ModelDefinition Create(string preset, ModelKind kind, string? latentKind, int vocabSize)
    {
        var (prior, denoiser, side) = Shape(preset);
        prior = prior with { VocabSize = vocabSize };
        denoiser = denoiser with { Conditioning = denoiser.Conditioning with { LmWidth = prior.DModel } };
        return new ModelDefinition(preset, kind, kind == ModelKind.Kaleido ? latentKind : null, prior, denoiser, side);
    }

    static (T5PriorConfig Prior, NestedUNetConfig Denoiser, int Side) Shape(string preset) => preset switch
    {
        Tiny => (T5PriorConfig.Tiny with { CaptionLength = 48, DecoderContextLength = 64 }, DenoiserConfigs.Tiny, 16),
        Small => (T5PriorConfig.Small, DenoiserConfigs.Small, 32),
        Shapes => (T5PriorConfig.Shapes, DenoiserConfigs.Small, 32),
        Micro => (T5PriorConfig.Tiny with { DecoderContextLength = 9 }, DenoiserConfigs.Tiny, 16),
        _ => throw new ExportInputException($"Model config '{preset}' is unknown; expected one of {string.Join(", ", Names)}."),
    };
}

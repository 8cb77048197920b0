namespace Kaleido.Export.Prior;

/// <summary>
/// Sizes and special ids of the T5-style latent prior (architecture-facts §3). Immutable: build a
/// variant with <c>with { ... }</c>. The three presets are <see cref="Tiny"/> (tests),
/// <see cref="Small"/> (CPU training on this 2-core machine) and <see cref="T5Xl"/> (the paper's prior).
/// </summary>
public sealed record T5PriorConfig
{
    /// <summary>Width of the residual stream (T5 d_model).</summary>
    public required int DModel { get; init; }

    /// <summary>Width of the gated-GELU feed-forward (T5 d_ff).</summary>
    public required int DFf { get; init; }

    public required int NumHeads { get; init; }

    /// <summary>Per-head width; T5 does not force NumHeads·DKv = DModel.</summary>
    public required int DKv { get; init; }

    public required int EncoderLayers { get; init; }

    public required int DecoderLayers { get; init; }

    /// <summary>One vocabulary shared by caption tokens (encoder) and latent tokens (decoder), as the embedding is shared.</summary>
    public required int VocabSize { get; init; }

    /// <summary>Captions are always padded to this length, never to a batch's longest (same bytes whatever the batch).</summary>
    public required int CaptionLength { get; init; }

    /// <summary>Longest decoder sequence (start token + latent tokens + eos); GenAI's context_length and max_length.</summary>
    public required int DecoderContextLength { get; init; }

    /// <summary>T5's 32 relative-position buckets.</summary>
    public int RelativeBuckets { get; init; } = 32;

    /// <summary>Distances from 128 on share the last bucket (T5 default).</summary>
    public int RelativeMaxDistance { get; init; } = 128;

    /// <summary>T5LayerNorm epsilon.</summary>
    public float LayerNormEpsilon { get; init; } = 1e-6f;

    /// <summary>T5's pad id; GenAI masks prompt tokens equal to it.</summary>
    public long PadId { get; init; } = 0;

    /// <summary>T5's eos id; ends a caption and a latent sequence.</summary>
    public long EosId { get; init; } = 1;

    /// <summary>Decoder start id. Must differ from pad: GenAI masks prompt tokens equal to pad (T5's own start = pad = 0 fails there).</summary>
    public long DecoderStartId { get; init; } = 2;

    /// <summary>Test size: every code path, runs in milliseconds.</summary>
    public static T5PriorConfig Tiny { get; } = new()
    {
        DModel = 32, DFf = 48, NumHeads = 2, DKv = 16, EncoderLayers = 2, DecoderLayers = 2,
        VocabSize = 64, CaptionLength = 8, DecoderContextLength = 16,
    };

    /// <summary>
    /// Trainable on a 2-core CPU: 4+4 layers of width 256 and an 8192-token vocabulary
    /// (caption word pieces plus latent tokens); captions of up to 64 tokens.
    /// </summary>
    public static T5PriorConfig Small { get; } = new()
    {
        DModel = 256, DFf = 640, NumHeads = 4, DKv = 64, EncoderLayers = 4, DecoderLayers = 4,
        VocabSize = 8192, CaptionLength = 64, DecoderContextLength = 128,
    };

    /// <summary>
    /// The shipped shapes models' prior: small enough to train in minutes on 2 CPU cores and to ship in a few MB.
    /// Captions of the shapes dataset take at most 19 tokens (eos included). Combined latents took at most 118
    /// tokens with the kaleido-v1 tokenizer; kaleido-v2 spells the space before each number as its own token, and
    /// with its 752-token tokenizer they take at most 127 (mean 98, measured on the 20,000 training images), so
    /// 24 caption tokens and 158 latent tokens leave headroom for sampled draws.
    /// </summary>
    public static T5PriorConfig Shapes { get; } = new()
    {
        DModel = 128, DFf = 256, NumHeads = 4, DKv = 32, EncoderLayers = 3, DecoderLayers = 3,
        VocabSize = 1024, CaptionLength = 24, DecoderContextLength = 160,
    };

    /// <summary>t5-v1_1-xl / flan-t5-xl sizes (architecture-facts §3); 2,849,757,184 parameters. Captions up to 128 tokens as in ml-mdm.</summary>
    public static T5PriorConfig T5Xl { get; } = new()
    {
        DModel = 2048, DFf = 5120, NumHeads = 32, DKv = 64, EncoderLayers = 24, DecoderLayers = 24,
        VocabSize = 32128, CaptionLength = 128, DecoderContextLength = 512,
    };

    /// <summary>Width of the concatenated heads (H·d_kv).</summary>
    public int InnerDim => NumHeads * DKv;

    /// <summary>Throws if a size is not positive or the special ids clash.</summary>
    public void Validate()
    {
        Positive(DModel, nameof(DModel));
        Positive(DFf, nameof(DFf));
        Positive(NumHeads, nameof(NumHeads));
        Positive(DKv, nameof(DKv));
        Positive(EncoderLayers, nameof(EncoderLayers));
        Positive(DecoderLayers, nameof(DecoderLayers));
        Positive(VocabSize, nameof(VocabSize));
        Positive(CaptionLength, nameof(CaptionLength));
        Positive(DecoderContextLength, nameof(DecoderContextLength));
        if (RelativeBuckets < 4 || RelativeBuckets % 4 != 0)
            throw new ArgumentException($"RelativeBuckets must be a positive multiple of 4, got {RelativeBuckets}.");
        if (RelativeMaxDistance <= RelativeBuckets / 2)
            throw new ArgumentException($"RelativeMaxDistance must exceed RelativeBuckets/2, got {RelativeMaxDistance}.");
        foreach (var (id, name) in new[] { (PadId, nameof(PadId)), (EosId, nameof(EosId)), (DecoderStartId, nameof(DecoderStartId)) })
        {
            if (id < 0 || id >= VocabSize)
                throw new ArgumentException($"{name} must be in [0, {VocabSize}), got {id}.");
        }
        if (DecoderStartId == PadId || EosId == PadId || DecoderStartId == EosId)
            throw new ArgumentException($"PadId ({PadId}), EosId ({EosId}) and DecoderStartId ({DecoderStartId}) must all differ.");
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} must be positive, got {value}.");
    }
}

using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// One batch as tensors. B examples; Lc = caption length; S = decoder length (maxLatent + 1).
/// Owns its tensors: dispose it after the step.
/// </summary>
public sealed class TrainingBatch : IDisposable
{
    /// <summary>The label ignored by the AR loss (padding after eos), as PyTorch's cross-entropy default.</summary>
    public const long IgnoreIndex = -100;

    public TrainingBatch(Tensor captionIds, Tensor captionMask, Tensor decoderIds, Tensor decoderMask, Tensor targets, Tensor[] images,
        Tensor? tokenObjects = null, Tensor? regions = null)
    {
        TokenObjects = tokenObjects;
        Regions = regions;
        CaptionIds = captionIds;
        CaptionMask = captionMask;
        DecoderIds = decoderIds;
        DecoderMask = decoderMask;
        Targets = targets;
        Images = images;
    }

    /// <summary>int64 [B, Lc]: caption ids ending in eos, right-padded.</summary>
    public Tensor CaptionIds { get; }

    /// <summary>int64 [B, Lc]: 1 on real caption tokens.</summary>
    public Tensor CaptionMask { get; }

    /// <summary>int64 [B, S]: [start, z₁, …, zₙ, pad…] (runtime <c>DecoderInputs.Build</c>).</summary>
    public Tensor DecoderIds { get; }

    /// <summary>int64 [B, S]: 1 on start and the latent tokens.</summary>
    public Tensor DecoderMask { get; }

    /// <summary>int64 [B, S]: [z₁, …, zₙ, eos, −100…], the next token at each decoder position.</summary>
    public Tensor Targets { get; }

    /// <summary>float32 x0 per resolution, highest first: [B, 3, H, W] in [−1, 1], then avg_pool by the nest ratio.</summary>
    public Tensor[] Images { get; }

    /// <summary>int64 [B, Lc + S] of a region-masked model: each conditioning token's object, or −1 (runtime <c>ObjectGrounding.WriteRow</c>).</summary>
    public Tensor? TokenObjects { get; }

    /// <summary>float [B, M, 4] of a region-masked model: each object's box in [0, 1000].</summary>
    public Tensor? Regions { get; }

    public long Size => CaptionIds.shape[0];

    public void Dispose()
    {
        CaptionIds.Dispose();
        CaptionMask.Dispose();
        DecoderIds.Dispose();
        DecoderMask.Dispose();
        Targets.Dispose();
        TokenObjects?.Dispose();
        Regions?.Dispose();
        foreach (var image in Images)
            image.Dispose();
    }
}

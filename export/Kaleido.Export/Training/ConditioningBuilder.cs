using Kaleido.Export.Packaging;
using Kaleido.Export.Prior;
using Kaleido.Runtime.Conditioning;
using TorchSharp;
using static TorchSharp.torch;
using RuntimeDecoderInputs = Kaleido.Runtime.Conditioning.DecoderInputs;

namespace Kaleido.Export.Training;

/// <summary>
/// The denoiser's conditioning during training, built as the runtime's <c>ConditioningSequence</c> contract
/// says: Kaleido = [encoder states of the caption ; decoder final-LN states at [start, z…]] along the sequence
/// axis, masks concatenated, padded positions zeroed; baseline = encoder states only. A dropped sample
/// (p_uncond) gets the contract's unconditional input instead: the empty caption, and the start token alone.
/// The encoder is frozen (run without gradients); gradients reach the decoder through its hidden states.
/// </summary>
public static class ConditioningBuilder
{
    /// <summary>
    /// Kaleido conditioning for the batch: states [B, Lc + S, D] and mask int64 [B, Lc + S], with rows where
    /// <paramref name="drop"/> (bool [B]) is set replaced by the unconditional input; also the decoder logits
    /// [B, S, V] of the real inputs, for L_AR (the prior learns p(z|c) on every sample, dropped or not).
    /// </summary>
    public static (Tensor States, Tensor Mask, Tensor Logits) Kaleido(T5Prior prior, ModelDefinition config, TrainingBatch batch, Tensor drop)
    {
        using var scope = NewDisposeScope();
        var encoderStates = EncodeFrozen(prior, batch.CaptionIds, batch.CaptionMask);                         // [B, Lc, D]
        var (logits, hidden) = prior.Decode(batch.DecoderIds, batch.DecoderMask, encoderStates, batch.CaptionMask); // [B, S, V], [B, S, D]
        var states = Concatenate(encoderStates, batch.CaptionMask, hidden, batch.DecoderMask);
        var mask = cat([batch.CaptionMask, batch.DecoderMask], 1);                                            // [B, Lc + S]
        (states, mask) = ReplaceDropped(states, mask, drop, () => Unconditional(prior, config));
        return (states.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope(), logits.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// A region-masked model's grounding inputs for the batch, token objects [B, Lc + S] and regions [B, M, 4], with
    /// dropped rows global everywhere and without regions, as the runtime's unconditional row; (null, null) for the
    /// paper's conditioning.
    /// </summary>
    public static (Tensor? TokenObjects, Tensor? Regions) Grounding(TrainingBatch batch, Tensor drop)
    {
        if (batch.TokenObjects is null || batch.Regions is null)
            return (null, null);
        var rows = drop.view(-1, 1);                                                      // [B, 1]
        var tokenObjects = batch.TokenObjects.masked_fill(rows, ObjectGrounding.Global);
        var regions = batch.Regions.masked_fill(rows.unsqueeze(-1), 0);
        return (tokenObjects, regions);
    }

    /// <summary>Baseline conditioning: the caption's encoder states [B, Lc, D] and mask, dropped rows replaced by the empty caption's.</summary>
    public static (Tensor States, Tensor Mask) Baseline(T5Prior prior, ModelDefinition config, TrainingBatch batch, Tensor drop)
    {
        using var scope = NewDisposeScope();
        var states = Masked(EncodeFrozen(prior, batch.CaptionIds, batch.CaptionMask), batch.CaptionMask);
        var mask = batch.CaptionMask.clone();
        (states, mask) = ReplaceDropped(states, mask, drop, () => UnconditionalBaseline(prior, config));
        return (states.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The Kaleido unconditional row: [encoder(empty caption) ; decoder states at [start]] with the start row
    /// padded to S: states [1, Lc + S, D] and mask [1, Lc + S]. Gradients flow into the decoder.
    /// </summary>
    public static (Tensor States, Tensor Mask) Unconditional(T5Prior prior, ModelDefinition config)
    {
        using var scope = NewDisposeScope();
        var (captionIds, captionMask) = EmptyCaptionTensors(config);
        var encoderStates = EncodeFrozen(prior, captionIds, captionMask);
        var ids = new long[config.DecoderLength];
        var decoderMask = new long[config.DecoderLength];
        RuntimeDecoderInputs.BuildUnconditional(config.Tokens, config.MaxLatentTokens, ids, decoderMask);
        var idsTensor = tensor(ids, [1, ids.Length]);
        var maskTensor = tensor(decoderMask, [1, decoderMask.Length]);
        var (_, hidden) = prior.Decode(idsTensor, maskTensor, encoderStates, captionMask);
        var states = Concatenate(encoderStates, captionMask, hidden, maskTensor);
        var mask = cat([captionMask, maskTensor], 1);
        return (states.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }

    /// <summary>The baseline unconditional row: the empty caption's encoder states [1, Lc, D] and mask [1, Lc].</summary>
    public static (Tensor States, Tensor Mask) UnconditionalBaseline(T5Prior prior, ModelDefinition config)
    {
        using var scope = NewDisposeScope();
        var (captionIds, captionMask) = EmptyCaptionTensors(config);
        var states = Masked(EncodeFrozen(prior, captionIds, captionMask), captionMask);
        return (states.MoveToOuterDisposeScope(), captionMask.MoveToOuterDisposeScope());
    }

    private static (Tensor Ids, Tensor Mask) EmptyCaptionTensors(ModelDefinition config)
    {
        var (ids, mask) = TrainingBatchBuilder.EmptyCaption(config);
        return (tensor(ids, [1, ids.Length]), tensor(mask, [1, mask.Length]));
    }

    private static Tensor EncodeFrozen(T5Prior prior, Tensor ids, Tensor mask)
    {
        using var _ = no_grad();
        return prior.Encode(ids, mask);
    }

    /// <summary>[encoder ; decoder] along the sequence axis with padded positions zeroed, as the contract does.</summary>
    private static Tensor Concatenate(Tensor encoderStates, Tensor encoderMask, Tensor decoderStates, Tensor decoderMask) =>
        cat([Masked(encoderStates, encoderMask), Masked(decoderStates, decoderMask)], 1);

    private static Tensor Masked(Tensor states, Tensor mask) => states * mask.unsqueeze(-1).to(states.dtype); // [B, L, D]·[B, L, 1]

    private static (Tensor States, Tensor Mask) ReplaceDropped(Tensor states, Tensor mask, Tensor drop, Func<(Tensor, Tensor)> unconditional)
    {
        if (!drop.any().item<bool>())
            return (states, mask);
        var (uStates, uMask) = unconditional();                                           // [1, L, D], [1, L]
        var rows = drop.view(-1, 1);                                                      // [B, 1]
        return (where(rows.unsqueeze(-1), uStates.expand_as(states), states), where(rows, uMask.expand_as(mask), mask));
    }
}

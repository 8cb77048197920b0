using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>Decoder stack: causal blocks with cross-attention → final LN. The first block's relative bias (causal) is shared.</summary>
public sealed class T5Decoder : nn.Module
{
    private readonly ModuleList<T5DecoderLayer> layers;
    private readonly RmsNorm final_layer_norm;
    private readonly RelativePositionBuckets _buckets;

    public T5Decoder(T5PriorConfig config, Device device) : base(nameof(T5Decoder))
    {
        layers = new ModuleList<T5DecoderLayer>();
        for (var i = 0; i < config.DecoderLayers; i++)
            layers.Add(new T5DecoderLayer(config, hasRelativeBias: i == 0, device));
        final_layer_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        _buckets = new RelativePositionBuckets(config.RelativeBuckets, config.RelativeMaxDistance, bidirectional: false);
        RegisterComponents();
    }

    public IList<T5DecoderLayer> Layers => layers;
    public RmsNorm FinalLayerNorm => final_layer_norm;
    public RelativePositionBuckets Buckets => _buckets;

    /// <summary>
    /// Teacher-forced pass. <paramref name="embeddings"/> [B, S, D], <paramref name="mask"/> int64 [B, S],
    /// <paramref name="encoderStates"/> [B, L, D], <paramref name="encoderMask"/> int64 [B, L] → final-LN states [B, S, D].
    /// </summary>
    public Tensor Forward(Tensor embeddings, Tensor mask, Tensor encoderStates, Tensor encoderMask)
    {
        using var scope = NewDisposeScope();
        var length = embeddings.shape[1];
        var relative = RelativePositionBuckets.RelativePositions(length, length, device: embeddings.device); // [S, S]
        var selfBias = layers[0].SelfAttention.ComputePositionBias(_buckets.Compute(relative))
            + AttentionMasks.Causal(relative, mask);                                                          // [B, H, S, S]
        var crossBias = AttentionMasks.FromKeyMask(encoderMask);                                              // [B, 1, 1, L]
        var x = embeddings;
        foreach (var layer in layers)
            x = layer.Forward(x, selfBias, encoderStates, crossBias);
        return final_layer_norm.call(x).MoveToOuterDisposeScope();
    }
}

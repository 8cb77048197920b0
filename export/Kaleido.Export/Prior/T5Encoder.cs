using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>Encoder stack: blocks → final LN. The first block's relative bias (bidirectional) is shared by all blocks.</summary>
public sealed class T5Encoder : nn.Module
{
    private readonly ModuleList<T5EncoderLayer> layers;
    private readonly RmsNorm final_layer_norm;
    private readonly RelativePositionBuckets _buckets;

    public T5Encoder(T5PriorConfig config, Device device) : base(nameof(T5Encoder))
    {
        layers = new ModuleList<T5EncoderLayer>();
        for (var i = 0; i < config.EncoderLayers; i++)
            layers.Add(new T5EncoderLayer(config, hasRelativeBias: i == 0, device));
        final_layer_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        _buckets = new RelativePositionBuckets(config.RelativeBuckets, config.RelativeMaxDistance, bidirectional: true);
        RegisterComponents();
    }

    public IList<T5EncoderLayer> Layers => layers;
    public RmsNorm FinalLayerNorm => final_layer_norm;
    public RelativePositionBuckets Buckets => _buckets;

    /// <summary><paramref name="embeddings"/> [B, L, D], <paramref name="mask"/> int64 [B, L] → states [B, L, D].</summary>
    public Tensor Forward(Tensor embeddings, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var length = embeddings.shape[1];
        var buckets = _buckets.Compute(RelativePositionBuckets.RelativePositions(length, length, device: embeddings.device));
        // T5 computes the bias once, with the mask added, and reuses it in every block.
        var bias = layers[0].SelfAttention.ComputePositionBias(buckets) + AttentionMasks.FromKeyMask(mask); // [B, H, L, L]
        var x = embeddings;
        foreach (var layer in layers)
            x = layer.Forward(x, bias);
        return final_layer_norm.call(x).MoveToOuterDisposeScope();
    }
}

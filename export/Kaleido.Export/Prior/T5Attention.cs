using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>
/// T5 multi-head attention: bias-free q, k, v, o and unscaled scores q·kᵀ (T5 folds 1/√d_kv into
/// initialisation). Self-attention in a stack's first layer also owns the relative-position embedding.
/// </summary>
public sealed class T5Attention : nn.Module
{
    private readonly Linear q;
    private readonly Linear k;
    private readonly Linear v;
    private readonly Linear o;
    private readonly Embedding? relative_attention_bias;
    private readonly int _heads;
    private readonly int _dKv;

    public T5Attention(T5PriorConfig config, bool hasRelativeBias, Device device) : base(nameof(T5Attention))
    {
        q = nn.Linear(config.DModel, config.InnerDim, hasBias: false, device: device);
        k = nn.Linear(config.DModel, config.InnerDim, hasBias: false, device: device);
        v = nn.Linear(config.DModel, config.InnerDim, hasBias: false, device: device);
        o = nn.Linear(config.InnerDim, config.DModel, hasBias: false, device: device);
        if (hasRelativeBias)
            relative_attention_bias = nn.Embedding(config.RelativeBuckets, config.NumHeads, device: device);
        _heads = config.NumHeads;
        _dKv = config.DKv;
        RegisterComponents();
    }

    public Linear Query => q;
    public Linear Key => k;
    public Linear Value => v;
    public Linear Output => o;

    /// <summary>The [buckets, H] relative-bias table, or null in layers that reuse the first layer's bias.</summary>
    public Embedding? RelativeBias => relative_attention_bias;

    /// <summary>Position bias [1, H, Lq, Lk] for buckets [Lq, Lk].</summary>
    public Tensor ComputePositionBias(Tensor buckets)
    {
        if (relative_attention_bias is null)
            throw new InvalidOperationException("Only the first self-attention layer of a stack has a relative-position bias.");
        using var scope = NewDisposeScope();
        return relative_attention_bias.call(buckets).permute(2, 0, 1).unsqueeze(0).MoveToOuterDisposeScope(); // [Lq,Lk,H] → [1,H,Lq,Lk]
    }

    /// <summary>Attends from <paramref name="hidden"/> [B, Lq, D] to <paramref name="source"/> [B, Lk, D] with additive <paramref name="scoreBias"/> [B|1, H, Lq, Lk].</summary>
    public Tensor Forward(Tensor hidden, Tensor source, Tensor scoreBias)
    {
        using var scope = NewDisposeScope();
        var queries = SplitHeads(q.call(hidden));                          // [B, H, Lq, dk]
        var keys = SplitHeads(k.call(source));                             // [B, H, Lk, dk]
        var values = SplitHeads(v.call(source));                           // [B, H, Lk, dk]
        var scores = queries.matmul(keys.transpose(2, 3)) + scoreBias;     // [B, H, Lq, Lk]
        var weights = nn.functional.softmax(scores.to(float32), -1);
        var context = weights.matmul(values).transpose(1, 2);              // [B, Lq, H, dk]
        var merged = context.reshape(context.shape[0], context.shape[1], _heads * _dKv);
        return o.call(merged).MoveToOuterDisposeScope();                   // [B, Lq, D]
    }

    private Tensor SplitHeads(Tensor x) => x.view(x.shape[0], x.shape[1], _heads, _dKv).transpose(1, 2);
}

using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>Pre-norm decoder block: x += SelfAttn(LN(x)); x += CrossAttn(LN(x), enc); x += FF(LN(x)).</summary>
public sealed class T5DecoderLayer : nn.Module
{
    private readonly RmsNorm self_attention_norm;
    private readonly T5Attention self_attention;
    private readonly RmsNorm cross_attention_norm;
    private readonly T5Attention cross_attention;
    private readonly RmsNorm feed_forward_norm;
    private readonly T5FeedForward feed_forward;

    public T5DecoderLayer(T5PriorConfig config, bool hasRelativeBias, Device device) : base(nameof(T5DecoderLayer))
    {
        self_attention_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        self_attention = new T5Attention(config, hasRelativeBias, device);
        cross_attention_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        cross_attention = new T5Attention(config, hasRelativeBias: false, device);
        feed_forward_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        feed_forward = new T5FeedForward(config, device);
        RegisterComponents();
    }

    public RmsNorm SelfAttentionNorm => self_attention_norm;
    public T5Attention SelfAttention => self_attention;
    public RmsNorm CrossAttentionNorm => cross_attention_norm;
    public T5Attention CrossAttention => cross_attention;
    public RmsNorm FeedForwardNorm => feed_forward_norm;
    public T5FeedForward FeedForward => feed_forward;

    /// <summary>
    /// <paramref name="x"/> [B, S, D]; <paramref name="selfBias"/> [B, H, S, S] (causal position bias + masks);
    /// <paramref name="encoderStates"/> [B, L, D]; <paramref name="crossBias"/> [B, 1, 1, L] (caption mask only).
    /// </summary>
    public Tensor Forward(Tensor x, Tensor selfBias, Tensor encoderStates, Tensor crossBias)
    {
        using var scope = NewDisposeScope();
        var normed = self_attention_norm.call(x);
        x = x + self_attention.Forward(normed, normed, selfBias);
        x = x + cross_attention.Forward(cross_attention_norm.call(x), encoderStates, crossBias);
        x = x + feed_forward.call(feed_forward_norm.call(x));
        return x.MoveToOuterDisposeScope();
    }
}

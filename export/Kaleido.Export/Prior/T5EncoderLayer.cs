using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>Pre-norm encoder block: x += SelfAttn(LN(x)); x += FF(LN(x)).</summary>
public sealed class T5EncoderLayer : nn.Module
{
    private readonly RmsNorm self_attention_norm;
    private readonly T5Attention self_attention;
    private readonly RmsNorm feed_forward_norm;
    private readonly T5FeedForward feed_forward;

    public T5EncoderLayer(T5PriorConfig config, bool hasRelativeBias, Device device) : base(nameof(T5EncoderLayer))
    {
        self_attention_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        self_attention = new T5Attention(config, hasRelativeBias, device);
        feed_forward_norm = new RmsNorm(config.DModel, config.LayerNormEpsilon, device);
        feed_forward = new T5FeedForward(config, device);
        RegisterComponents();
    }

    public RmsNorm SelfAttentionNorm => self_attention_norm;
    public T5Attention SelfAttention => self_attention;
    public RmsNorm FeedForwardNorm => feed_forward_norm;
    public T5FeedForward FeedForward => feed_forward;

    /// <summary><paramref name="x"/> [B, L, D]; <paramref name="selfBias"/> [B, H, L, L] (position bias + mask).</summary>
    public Tensor Forward(Tensor x, Tensor selfBias)
    {
        using var scope = NewDisposeScope();
        var normed = self_attention_norm.call(x);
        x = x + self_attention.Forward(normed, normed, selfBias);
        x = x + feed_forward.call(feed_forward_norm.call(x));
        return x.MoveToOuterDisposeScope();
    }
}

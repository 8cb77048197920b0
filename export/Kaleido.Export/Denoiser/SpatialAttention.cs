using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Joint self- and cross-attention over a feature map (ml-mdm <c>SelfAttention</c>):
/// q, k, v = conv1(GN(x)); the same q also attends to k_c, v_c = Linear(LayerNorm(cond)) with padded
/// conditioning keys masked; x += zeroconv1(self + cross); optional x += zeroconv1(GELU(conv1_4C(GN(x)))).
/// </summary>
internal sealed class SpatialAttention : nn.Module
{
    private readonly int heads;
    private readonly GroupNorm norm;
    private readonly Conv2d qkv;
    private readonly LayerNorm? normCond;
    private readonly Linear? kvCond;
    private readonly Conv2d projOut;
    private readonly GroupNorm? ffnNorm;
    private readonly Conv2d? ffnIn;
    private readonly Conv2d? ffnOut;

    public SpatialAttention(int channels, int conditionWidth, int heads, bool feedForward, int normGroups, Device device)
        : base(nameof(SpatialAttention))
    {
        this.heads = heads;
        norm = Layers.GroupNorm(normGroups, channels, device);
        qkv = Layers.Conv(channels, 3 * channels, 1, device);
        if (conditionWidth > 0)
        {
            normCond = Layers.LayerNorm(conditionWidth, device);
            kvCond = Layers.Linear(conditionWidth, 2 * channels, device);
        }
        projOut = Layers.ZeroConv(channels, channels, 1, device);
        if (feedForward)
        {
            ffnNorm = Layers.GroupNorm(normGroups, channels, device);
            ffnIn = Layers.Conv(channels, 4 * channels, 1, device);
            ffnOut = Layers.ZeroConv(4 * channels, channels, 1, device);
        }
        RegisterComponents();
    }

    /// <summary>x: [B, C, H, W]; cond: [B, L, Dc]; keyMask: [B, L] (1 = real token) -> [B, C, H, W].</summary>
    public Tensor Forward(Tensor x, Tensor cond, Tensor keyMask)
    {
        long b = x.shape[0], c = x.shape[1], height = x.shape[2], width = x.shape[3];
        var qkvs = qkv.forward(norm.forward(x)).reshape(b, 3 * c, height * width).chunk(3, 1); // 3 x [B, C, N]
        var h = Attend(qkvs[0], qkvs[1], qkvs[2], null);
        if (kvCond is not null)
        {
            var kv = kvCond.forward(normCond!.forward(cond)).transpose(1, 2).chunk(2, 1); // 2 x [B, C, L]
            h = h + Attend(qkvs[0], kv[0], kv[1], keyMask);
        }
        x = x + projOut.forward(h.reshape(b, c, height, width));
        if (ffnIn is not null)
            x = x + ffnOut!.forward(nn.functional.gelu(ffnIn.forward(ffnNorm!.forward(x))));
        return x;
    }

    /// <summary>q: [B, C, N], k and v: [B, C, S], keyMask: [B, S] or null -> [B, C, N].</summary>
    private Tensor Attend(Tensor q, Tensor k, Tensor v, Tensor? keyMask)
    {
        long b = q.shape[0], c = q.shape[1], n = q.shape[2], s = k.shape[2], dh = c / heads;
        // dh^-1/4 on both q and k gives 1/sqrt(dh) overall.
        double scale = 1.0 / Math.Sqrt(Math.Sqrt(dh));
        var qh = (q * scale).reshape(b, heads, dh, n).transpose(2, 3); // [B, h, N, dh]
        var kh = (k * scale).reshape(b, heads, dh, s);                  // [B, h, dh, S]
        var vh = v.reshape(b, heads, dh, s).transpose(2, 3);            // [B, h, S, dh]
        var weights = qh.matmul(kh);                                    // [B, h, N, S]
        if (keyMask is not null)
            weights = weights.masked_fill(keyMask.reshape(b, 1, 1, s).eq(0), float.NegativeInfinity);
        var attended = weights.softmax(-1).matmul(vh);                  // [B, h, N, dh]
        return attended.transpose(2, 3).reshape(b, c, n);
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Joint self- and cross-attention over a feature map (ml-mdm <c>SelfAttention</c>):
/// q, k, v = conv1(GN(x)); the same q also attends to k_c, v_c = Linear(LayerNorm(cond)) with padded
/// conditioning keys masked; x += zeroconv1(self + cross); optional x += zeroconv1(GELU(conv1_4C(GN(x)))).
/// Region-masked (docs/grounding.md): the cross-attention also masks objects' tokens outside their boxes
/// (<see cref="CrossAttentionKeys"/>) and gets a learned null key and value, always open, so a cell outside every
/// box, or a row whose tokens are all blocked, still has a key to read.
/// </summary>
internal sealed class SpatialAttention : nn.Module
{
    private readonly int heads;
    private readonly int channels;
    private readonly int normGroups;
    private readonly GroupNorm norm;
    private readonly Conv2d qkv;
    private readonly LayerNorm? normCond;
    private readonly Linear? kvCond;
    private readonly Conv2d projOut;
    private readonly GroupNorm? ffnNorm;
    private readonly Conv2d? ffnIn;
    private readonly Conv2d? ffnOut;
    private readonly Parameter? nullKey;
    private readonly Parameter? nullValue;

    public SpatialAttention(int channels, int conditionWidth, int heads, bool feedForward, int normGroups, Device device,
        bool regionMasked = false)
        : base(nameof(SpatialAttention))
    {
        this.heads = heads;
        this.channels = channels;
        this.normGroups = normGroups;
        norm = Layers.GroupNorm(normGroups, channels, device);
        qkv = Layers.Conv(channels, 3 * channels, 1, device);
        if (conditionWidth > 0)
        {
            normCond = Layers.LayerNorm(conditionWidth, device);
            kvCond = Layers.Linear(conditionWidth, 2 * channels, device);
            if (regionMasked)
            {
                // Zero at first: the null key scores 0 and brings nothing until training moves it.
                nullKey = new Parameter(zeros(channels, device: device));
                nullValue = new Parameter(zeros(channels, device: device));
            }
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
    public Tensor Forward(Tensor x, Tensor cond, Tensor keyMask) => Forward(x, cond, new CrossAttentionKeys(keyMask));

    /// <summary>x: [B, C, H, W]; cond: [B, L, Dc]; keys: which keys each cell may read -> [B, C, H, W].</summary>
    public Tensor Forward(Tensor x, Tensor cond, CrossAttentionKeys keys)
    {
        long b = x.shape[0], c = x.shape[1], height = x.shape[2], width = x.shape[3];
        var qkvs = qkv.forward(norm.forward(x)).reshape(b, 3 * c, height * width).chunk(3, 1); // 3 x [B, C, N]
        var h = Attend(qkvs[0], qkvs[1], qkvs[2], null);
        if (kvCond is not null)
        {
            if (keys.IsRegionMasked != (nullKey is not null))
                throw new ArgumentException(nullKey is null
                    ? "This attention was built for the paper's conditioning; it takes no token objects or regions."
                    : "This attention is region-masked; it needs token objects and regions.");
            var kv = kvCond.forward(normCond!.forward(cond)).transpose(1, 2).chunk(2, 1); // 2 x [B, C, L]
            h = h + Attend(qkvs[0], kv[0], kv[1], keys.Blocked(height, width));
        }
        x = x + projOut.forward(h.reshape(b, c, height, width));
        if (ffnIn is not null)
            x = x + ffnOut!.forward(nn.functional.gelu(ffnIn.forward(ffnNorm!.forward(x))));
        return x;
    }

    /// <summary>q: [B, C, N], k and v: [B, C, S], blocked: bool [B, 1, 1 or N, S] or null -> [B, C, N].</summary>
    private Tensor Attend(Tensor q, Tensor k, Tensor v, Tensor? blocked)
    {
        long b = q.shape[0], c = q.shape[1], n = q.shape[2], s = k.shape[2], dh = c / heads;
        // dh^-1/4 on both q and k gives 1/sqrt(dh) overall.
        double scale = 1.0 / Math.Sqrt(Math.Sqrt(dh));
        var qh = (q * scale).reshape(b, heads, dh, n).transpose(2, 3); // [B, h, N, dh]
        var kh = (k * scale).reshape(b, heads, dh, s);                  // [B, h, dh, S]
        var vh = v.reshape(b, heads, dh, s).transpose(2, 3);            // [B, h, S, dh]
        var weights = qh.matmul(kh);                                    // [B, h, N, S]
        if (blocked is not null)
            weights = weights.masked_fill(blocked, float.NegativeInfinity);
        if (blocked is null || nullKey is null)
            return weights.softmax(-1).matmul(vh).transpose(2, 3).reshape(b, c, n);

        // The null key scores beside the S tokens; its value is added by its own weight.
        var headNullKey = (nullKey * scale).reshape(heads, dh, 1);
        var headNullValue = nullValue!.reshape(heads, 1, dh);
        var all = cat([weights, qh.matmul(headNullKey)], -1).softmax(-1); // [B, h, N, S + 1]
        var attended = all[.., .., .., ..(int)s].matmul(vh) + all[.., .., .., (int)s..] * headNullValue;
        return attended.transpose(2, 3).reshape(b, c, n);
    }

    /// <summary>ONNX mirror of <see cref="Forward"/>; cond is [B, L, Dc] and the key mask comes from the emitter.</summary>
    public string Emit(DenoiserOnnxEmitter e, string x, string cond, string hint)
    {
        var g = e.Graph;
        long dh = channels / heads;
        double scale = 1.0 / Math.Sqrt(Math.Sqrt(dh));
        var qkvFlat = g.Reshape(e.Conv(qkv, e.GroupNorm(norm, normGroups, x, hint + ".norm"), hint + ".qkv"), [0, 3 * channels, -1]); // [B, 3C, N]
        var parts = g.Split(qkvFlat, [channels, channels, channels], 1);
        var q = g.Transpose(g.Reshape(e.Scale(parts[0], scale), [0, heads, dh, -1]), [0, 1, 3, 2]); // [B, h, N, dh]
        var k = g.Reshape(e.Scale(parts[1], scale), [0, heads, dh, -1]);                          // [B, h, dh, N]
        var v = g.Transpose(g.Reshape(parts[2], [0, heads, dh, -1]), [0, 1, 3, 2]);              // [B, h, N, dh]
        var h = e.Attention(q, k, v, masked: false, hint + ".self");
        if (kvCond is not null)
        {
            var kv = g.Transpose(e.Linear(kvCond, e.LayerNorm(normCond!, cond, hint + ".norm_cond"), hint + ".kv_cond"), [0, 2, 1]); // [B, 2C, L]
            var kvParts = g.Split(kv, [channels, channels], 1);
            var kc = g.Reshape(e.Scale(kvParts[0], scale), [0, heads, dh, -1]);                  // [B, h, dh, L]
            var vc = g.Transpose(g.Reshape(kvParts[1], [0, heads, dh, -1]), [0, 1, 3, 2]);     // [B, h, L, dh]
            h = g.Add(h, nullKey is null
                ? e.Attention(q, kc, vc, masked: true, hint + ".cross")
                : e.RegionMaskedAttention(q, kc, vc, CrossAttentionKeys.EmitBlocked(e, x, hint + ".regions"),
                    e.Weight((nullKey * scale).reshape(heads, dh, 1), hint + ".nullKey"),
                    e.Weight(nullValue!.reshape(heads, 1, dh), hint + ".null_value"), hint + ".cross"));
        }
        var hMap = g.Reshape(g.Transpose(h, [0, 1, 3, 2]), g.Shape(x));                           // [B, C, H, W]
        x = g.Add(x, e.Conv(projOut, hMap, hint + ".proj_out"));
        if (ffnIn is not null)
        {
            var inner = e.Gelu(e.Conv(ffnIn, e.GroupNorm(ffnNorm!, normGroups, x, hint + ".ffn_norm"), hint + ".ffn_in"));
            x = g.Add(x, e.Conv(ffnOut!, inner, hint + ".ffn_out"));
        }
        return x;
    }
}

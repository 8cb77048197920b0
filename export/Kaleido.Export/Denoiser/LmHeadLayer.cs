using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// One trainable layer over the projected language-model states (ml-mdm <c>SelfAttention1DBlock</c>):
/// x += zerolinear(MHA(Linear_qkv(LN(x)))) with padded keys masked; x += zerolinear(GELU(Linear_4D(LN(x)))).
/// </summary>
internal sealed class LmHeadLayer : nn.Module
{
    private readonly int heads;
    private readonly LayerNorm attnNorm;
    private readonly Linear qkv;
    private readonly Linear projOut;
    private readonly LayerNorm mlpNorm;
    private readonly Linear mlpIn;
    private readonly Linear mlpOut;

    public LmHeadLayer(int width, int heads, Device device) : base(nameof(LmHeadLayer))
    {
        this.heads = heads;
        attnNorm = Layers.LayerNorm(width, device);
        qkv = Layers.Linear(width, 3 * width, device);
        projOut = Layers.ZeroLinear(width, width, device);
        mlpNorm = Layers.LayerNorm(width, device);
        mlpIn = Layers.Linear(width, 4 * width, device);
        mlpOut = Layers.ZeroLinear(4 * width, width, device);
        RegisterComponents();
    }

    /// <summary>x: [B, L, D]; mask: [B, L] (1 = real token) -> [B, L, D].</summary>
    public Tensor Forward(Tensor x, Tensor mask)
    {
        long b = x.shape[0], l = x.shape[1], d = x.shape[2], dh = d / heads;
        double scale = 1.0 / Math.Sqrt(Math.Sqrt(dh));
        var qkvs = qkv.forward(attnNorm.forward(x)).chunk(3, -1);                  // 3 x [B, L, D]
        var q = (qkvs[0] * scale).reshape(b, l, heads, dh).permute(0, 2, 1, 3);    // [B, h, L, dh]
        var k = (qkvs[1] * scale).reshape(b, l, heads, dh).permute(0, 2, 3, 1);    // [B, h, dh, L]
        var v = qkvs[2].reshape(b, l, heads, dh).permute(0, 2, 1, 3);              // [B, h, L, dh]
        var weights = q.matmul(k).masked_fill(mask.reshape(b, 1, 1, l).eq(0), float.NegativeInfinity); // [B, h, L, L]
        var attended = weights.softmax(-1).matmul(v).permute(0, 2, 1, 3).reshape(b, l, d);
        x = x + projOut.forward(attended);
        return x + mlpOut.forward(nn.functional.gelu(mlpIn.forward(mlpNorm.forward(x))));
    }

    /// <summary>ONNX mirror of <see cref="Forward"/>; the key mask comes from the emitter.</summary>
    public string Emit(DenoiserOnnxEmitter e, string x, long width, string hint)
    {
        var g = e.Graph;
        long dh = width / heads;
        double scale = 1.0 / Math.Sqrt(Math.Sqrt(dh));
        var parts = g.Split(e.Linear(qkv, e.LayerNorm(attnNorm, x, hint + ".norm"), hint + ".qkv"), [width, width, width], 2);
        var q = g.Transpose(g.Reshape(e.Scale(parts[0], scale), [0, 0, heads, dh]), [0, 2, 1, 3]); // [B, h, L, dh]
        var k = g.Transpose(g.Reshape(e.Scale(parts[1], scale), [0, 0, heads, dh]), [0, 2, 3, 1]); // [B, h, dh, L]
        var v = g.Transpose(g.Reshape(parts[2], [0, 0, heads, dh]), [0, 2, 1, 3]);               // [B, h, L, dh]
        var attended = g.Reshape(g.Transpose(e.Attention(q, k, v, masked: true, hint + ".attn"), [0, 2, 1, 3]), [0, 0, width]);
        x = g.Add(x, e.Linear(projOut, attended, hint + ".proj_out"));
        var mlp = e.Linear(mlpOut, e.Gelu(e.Linear(mlpIn, e.LayerNorm(mlpNorm, x, hint + ".mlp_norm"), hint + ".mlp_in")), hint + ".mlp_out");
        return g.Add(x, mlp, hint);
    }
}

using Kaleido.Export.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Writes denoiser layers into an ONNX graph with the same math as their TorchSharp forward. Weights are
/// stored fp32, or fp16 with a Cast back to fp32 so every op still computes in fp32.
/// Also holds the per-graph values every block shares (the padding predicate of the mask).
/// </summary>
internal sealed class DenoiserOnnxEmitter(OnnxGraphBuilder graph, bool float16Weights)
{
    /// <summary>Epsilon of torch's GroupNorm and LayerNorm defaults.</summary>
    private const float NormEpsilon = 1e-5f;

    private readonly Dictionary<float, string> scalars = [];

    /// <summary>Per group count: the instance norm's identity scale (ones) and bias (zeros).</summary>
    private readonly Dictionary<long, (string Ones, string Zeros)> groupAffineIdentity = [];

    public OnnxGraphBuilder Graph { get; } = graph;

    /// <summary>A float scalar constant, one initializer per distinct value.</summary>
    public string Scalar(float value)
    {
        if (!scalars.TryGetValue(value, out var name))
            scalars[value] = name = Graph.ScalarFloat("const", value);
        return name;
    }

    /// <summary>[B, 1, 1, L] bool, true at padded conditioning positions; set once by the exporter.</summary>
    public string PaddedKeys { get; set; } = "";

    /// <summary>int64 [B, L] graph input of a region-masked denoiser: the object each token spells, or −1.</summary>
    public string TokenObjects { get; set; } = "";

    /// <summary>float [B, M, 4] graph input of a region-masked denoiser: each object's box.</summary>
    public string Regions { get; set; } = "";

    public string Weight(Tensor value, string hint)
    {
        if (!float16Weights)
            return Graph.Initializer(hint, value);
        return Graph.Cast(Graph.Initializer(hint + "_fp16", value, storeAsFloat16: true), DataType.Float, hint);
    }

    /// <summary>NCHW conv with "same" padding (kernel/2) and the module's stride.</summary>
    public string Conv(Conv2d conv, string x, string hint)
    {
        long kernel = conv.weight!.shape[2];
        long stride = conv.stride[0];
        long pad = kernel / 2;
        return Graph.Conv(x, Weight(conv.weight!, hint + ".weight"), Weight(conv.bias!, hint + ".bias"),
            [kernel, kernel], [stride, stride], [pad, pad, pad, pad], hint);
    }

    /// <summary>x @ W^T (+ b) over the last axis.</summary>
    public string Linear(Linear linear, string x, string hint)
    {
        var y = Graph.MatMul(x, Weight(linear.weight!.t(), hint + ".weight_t"), hint);
        return linear.bias is null ? y : Graph.Add(y, Weight(linear.bias, hint + ".bias"), hint);
    }

    /// <summary>
    /// GroupNorm as InstanceNormalization over [B, G, C/G·H·W], then the per-channel affine. GroupNormalization-21
    /// has no CPU kernel in ONNX Runtime 1.31 and is expanded into about ten small nodes, which took a quarter to a
    /// third of a denoiser step (docs/benchmarks.md); instance norm of the grouped view has the same statistics.
    /// </summary>
    public string GroupNorm(GroupNorm norm, long groups, string x, string hint)
    {
        if (!groupAffineIdentity.TryGetValue(groups, out var identity))
            groupAffineIdentity[groups] = identity = (
                Graph.Initializer("group_ones", ones(groups)), Graph.Initializer("group_zeros", zeros(groups)));
        long channels = norm.weight!.shape[0];
        var grouped = Graph.Reshape(x, [0, groups, -1], hint + ".grouped");
        var normalized = Graph.InstanceNormalization(grouped, identity.Ones, identity.Zeros, NormEpsilon, hint + ".normalized");
        var restored = Graph.Reshape(normalized, Graph.Shape(x, hint + ".shape"), hint + ".restored");
        var scaled = Graph.Mul(restored, Weight(norm.weight!.view(channels, 1, 1), hint + ".weight"));
        return Graph.Add(scaled, Weight(norm.bias!.view(channels, 1, 1), hint + ".bias"), hint);
    }

    public string LayerNorm(LayerNorm norm, string x, string hint) =>
        Graph.LayerNormalization(x, Weight(norm.weight!, hint + ".weight"), Weight(norm.bias!, hint + ".bias"), NormEpsilon, -1, hint);

    /// <summary>SiLU(x) = x sigmoid(x).</summary>
    public string Silu(string x) => Graph.Mul(x, Graph.Sigmoid(x), "silu");

    /// <summary>Exact GELU: x/2 (1 + erf(x/sqrt 2)).</summary>
    public string Gelu(string x)
    {
        var erf = Graph.Erf(Graph.Mul(x, Scalar((float)(1 / Math.Sqrt(2)))));
        var onePlus = Graph.Add(erf, Scalar(1f));
        return Graph.Mul(Graph.Mul(x, onePlus), Scalar(0.5f), "gelu");
    }

    /// <summary>
    /// softmax(q k + mask) v per head. q: [B, h, N, dh] pre-scaled, k: [B, h, dh, S] pre-scaled, v: [B, h, S, dh];
    /// masked keys get -inf when <paramref name="masked"/>. Returns [B, h, N, dh].
    /// </summary>
    public string Attention(string q, string k, string v, bool masked, string hint)
    {
        var weights = Graph.MatMul(q, k, hint + ".weights");
        if (masked)
            weights = Graph.Where(PaddedKeys, Scalar(float.NegativeInfinity), weights);
        return Graph.MatMul(Graph.Softmax(weights, -1), v, hint);
    }

    /// <summary>
    /// Region-masked cross-attention: softmax over [q k (−inf where <paramref name="blocked"/>) ; q·nullKey], then the
    /// token weights times v plus the null weight times nullValue. blocked: bool [B, 1, N, S]; nullKey [h, dh, 1]
    /// pre-scaled; nullValue [h, 1, dh]. Returns [B, h, N, dh].
    /// </summary>
    public string RegionMaskedAttention(string q, string k, string v, string blocked, string nullKey, string nullValue, string hint)
    {
        var weights = Graph.Where(blocked, Scalar(float.NegativeInfinity), Graph.MatMul(q, k, hint + ".weights"));
        var all = Graph.Softmax(Graph.Concat([weights, Graph.MatMul(q, nullKey, hint + ".null_score")], -1), -1, hint + ".softmax");
        var last = Graph.ConstantInt64("axis", [-1]);
        var tokenWeights = Graph.Slice(all, Graph.ConstantInt64("start", [0]), Graph.ConstantInt64("end", [-1]), last);
        var nullWeight = Graph.Slice(all, Graph.ConstantInt64("start", [-1]), Graph.ConstantInt64("end", [long.MaxValue]), last);
        return Graph.Add(Graph.MatMul(tokenWeights, v), Graph.Mul(nullWeight, nullValue), hint);
    }

    public string Scale(string x, double factor) => Graph.Mul(x, Scalar((float)factor));
}

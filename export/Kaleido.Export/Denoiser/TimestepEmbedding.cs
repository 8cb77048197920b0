using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Raw step index t (0..999, not normalised) -> [B, TemporalDim]: sinusoid of TemporalDim/4 values
/// [sin(t f), cos(t f)] with f_i = exp(-ln(10000) i / half), half = TemporalDim/8, then Linear, SiLU, Linear.
/// </summary>
internal sealed class TimestepEmbedding : nn.Module
{
    private readonly Linear layer1;
    private readonly Linear layer2;

    public TimestepEmbedding(int temporalDim, Device device) : base(nameof(TimestepEmbedding))
    {
        TemporalDim = temporalDim;
        layer1 = Layers.Linear(temporalDim / 4, temporalDim, device);
        layer2 = Layers.Linear(temporalDim, temporalDim, device);
        RegisterComponents();
    }

    public int TemporalDim { get; }

    /// <summary>f_i for i in [0, TemporalDim/8), in the order the sinusoid uses them.</summary>
    public static float[] Frequencies(int temporalDim)
    {
        int half = temporalDim / 8;
        return Enumerable.Range(0, half).Select(i => (float)Math.Exp(-Math.Log(10000.0) * i / half)).ToArray();
    }

    /// <summary>t: [B] integer or float step indices -> [B, TemporalDim].</summary>
    public Tensor Forward(Tensor t)
    {
        using var frequencies = tensor(Frequencies(TemporalDim), device: t.device);
        var angles = t.to(ScalarType.Float32).unsqueeze(1) * frequencies.unsqueeze(0); // [B, half]
        var sinusoid = cat([angles.sin(), angles.cos()], 1);                             // [B, TemporalDim/4]
        return layer2.forward(nn.functional.silu(layer1.forward(sinusoid)));
    }

    /// <summary>ONNX mirror of <see cref="Forward"/>; t is int64 [B].</summary>
    public string Emit(DenoiserOnnxEmitter e, string t, string hint)
    {
        var g = e.Graph;
        var angles = g.Mul(g.Unsqueeze(g.Cast(t, global::Onnx.TensorProto.Types.DataType.Float), [1]),
            g.ConstantFloat(hint + ".frequencies", Frequencies(TemporalDim)));           // [B, half]
        var sinusoid = g.Concat([g.Sin(angles), g.Cos(angles)], 1);                       // [B, T/4]
        return e.Linear(layer2, e.Silu(e.Linear(layer1, sinusoid, hint + ".layer1")), hint + ".layer2");
    }
}

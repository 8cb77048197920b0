using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// ResNet with scale/shift time conditioning (ml-mdm <c>ResNet</c>):
/// h = conv3(SiLU(GN(x))); (a, b) = Linear(SiLU(temb)); h = SiLU(GN(h)(1 + a) + b);
/// out = zeroconv3(h) + (x, or conv1(x) when the width changes).
/// </summary>
internal sealed class ResNetBlock : nn.Module
{
    private readonly int normGroups;
    private readonly int outChannels;
    private readonly GroupNorm norm1;
    private readonly Conv2d conv1;
    private readonly Linear timeLayer;
    private readonly GroupNorm norm2;
    private readonly Conv2d conv2;
    private readonly Conv2d? skipConv;

    public ResNetBlock(int inChannels, int outChannels, int temporalDim, int normGroups, Device device)
        : base(nameof(ResNetBlock))
    {
        this.normGroups = normGroups;
        this.outChannels = outChannels;
        norm1 = Layers.GroupNorm(normGroups, inChannels, device);
        conv1 = Layers.Conv(inChannels, outChannels, 3, device);
        timeLayer = Layers.Linear(temporalDim, 2 * outChannels, device);
        norm2 = Layers.GroupNorm(normGroups, outChannels, device);
        conv2 = Layers.ZeroConv(outChannels, outChannels, 3, device);
        skipConv = inChannels != outChannels ? Layers.Conv(inChannels, outChannels, 1, device) : null;
        RegisterComponents();
    }

    /// <summary>x: [B, Cin, H, W], temb: [B, T] -> [B, Cout, H, W].</summary>
    public Tensor Forward(Tensor x, Tensor temb)
    {
        var h = conv1.forward(nn.functional.silu(norm1.forward(x)));
        var scaleShift = timeLayer.forward(nn.functional.silu(temb)).unsqueeze(-1).unsqueeze(-1); // [B, 2Cout, 1, 1]
        var ab = scaleShift.chunk(2, 1);
        h = nn.functional.silu(norm2.forward(h) * (1 + ab[0]) + ab[1]);
        h = conv2.forward(h);
        return h + (skipConv is null ? x : skipConv.forward(x));
    }

    /// <summary>ONNX mirror of <see cref="Forward"/>.</summary>
    public string Emit(DenoiserOnnxEmitter e, string x, string temb, string hint)
    {
        var g = e.Graph;
        var h = e.Conv(conv1, e.Silu(e.GroupNorm(norm1, normGroups, x, hint + ".norm1")), hint + ".conv1");
        var scaleShift = g.Unsqueeze(e.Linear(timeLayer, e.Silu(temb), hint + ".time"), [2, 3]); // [B, 2Cout, 1, 1]
        var ab = g.Split(scaleShift, [outChannels, outChannels], 1);
        var normed = e.GroupNorm(norm2, normGroups, h, hint + ".norm2");
        h = e.Silu(g.Add(g.Mul(normed, g.Add(ab[0], e.Scalar(1f))), ab[1]));
        h = e.Conv(conv2, h, hint + ".conv2");
        return g.Add(h, skipConv is null ? x : e.Conv(skipConv, x, hint + ".skip"), hint);
    }
}

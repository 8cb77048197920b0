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
    private readonly GroupNorm norm1;
    private readonly Conv2d conv1;
    private readonly Linear timeLayer;
    private readonly GroupNorm norm2;
    private readonly Conv2d conv2;
    private readonly Conv2d? skipConv;

    public ResNetBlock(int inChannels, int outChannels, int temporalDim, int normGroups, Device device)
        : base(nameof(ResNetBlock))
    {
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
}

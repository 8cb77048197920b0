using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>Layer factories with the initialisation the reference uses, built on a given device (meta for counting).</summary>
internal static class Layers
{
    /// <summary>GroupNorm with weight 1, bias 0: TorchSharp leaves them uninitialised.</summary>
    public static GroupNorm GroupNorm(int groups, int channels, Device device)
    {
        var norm = nn.GroupNorm(groups, channels, device: device);
        using (no_grad())
        {
            norm.weight!.fill_(1f);
            norm.bias!.zero_();
        }
        return norm;
    }

    public static LayerNorm LayerNorm(int width, Device device)
    {
        var norm = nn.LayerNorm(width, device: device);
        using (no_grad())
        {
            norm.weight!.fill_(1f);
            norm.bias!.zero_();
        }
        return norm;
    }

    /// <summary>Square kernel, "same" padding, with bias unless told otherwise.</summary>
    public static Conv2d Conv(int inChannels, int outChannels, int kernel, Device device, int stride = 1, bool bias = true) =>
        nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: bias, device: device);

    /// <summary>A conv whose weights and bias start at zero, so its branch adds nothing at initialisation.</summary>
    public static Conv2d ZeroConv(int inChannels, int outChannels, int kernel, Device device)
    {
        var conv = Conv(inChannels, outChannels, kernel, device);
        ZeroAll(conv);
        return conv;
    }

    public static Linear Linear(int inFeatures, int outFeatures, Device device, bool bias = true) =>
        nn.Linear(inFeatures, outFeatures, hasBias: bias, device: device);

    public static Linear ZeroLinear(int inFeatures, int outFeatures, Device device)
    {
        var linear = Linear(inFeatures, outFeatures, device);
        ZeroAll(linear);
        return linear;
    }

    private static void ZeroAll(nn.Module module)
    {
        using (no_grad())
            foreach (var p in module.parameters())
                p.zero_();
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// One resolution level of a UNet (ml-mdm <c>ResNetBlock</c>): ResNets, each followed by its attention layers,
/// then an optional resample conv that keeps the width (stride-2 down, or nearest x2 then conv up).
/// On the way down every ResNet/attention output and the downsample output are pushed as skips; on the way
/// up every ResNet first concatenates the most recent skip.
/// </summary>
internal sealed class UNetLevel : nn.Module
{
    public enum Resample { None, Down, Up }

    private readonly int attentionPerResNet;
    private readonly Resample resampleKind;
    private readonly ModuleList<ResNetBlock> resnets;
    private readonly ModuleList<SpatialAttention> attentions;
    private readonly Conv2d? resample;

    /// <param name="inChannels">Input width of each ResNet (skip widths already added on the up path).</param>
    public UNetLevel(
        IReadOnlyList<int> inChannels, int channels, int attentionPerResNet, Resample resampleKind,
        UNetConfig config, int conditionWidth, Device device, bool regionMasked = false)
        : base(nameof(UNetLevel))
    {
        this.attentionPerResNet = attentionPerResNet;
        this.resampleKind = resampleKind;
        resnets = new ModuleList<ResNetBlock>(
            inChannels.Select(cin => new ResNetBlock(cin, channels, config.TemporalDim, config.NormGroups, device)).ToArray());
        attentions = new ModuleList<SpatialAttention>(
            Enumerable.Range(0, inChannels.Count * attentionPerResNet)
                .Select(_ => new SpatialAttention(channels, conditionWidth, config.Heads, config.AttentionFfn, config.NormGroups, device, regionMasked))
                .ToArray());
        resample = resampleKind switch
        {
            Resample.Down => Layers.Conv(channels, channels, 3, device, stride: 2),
            Resample.Up => Layers.Conv(channels, channels, 3, device),
            _ => null,
        };
        RegisterComponents();
    }

    /// <summary>Down path: x [B, Cin, H, W] -> [B, C, H', W'], pushing skips.</summary>
    public Tensor Down(Tensor x, Tensor temb, Tensor cond, CrossAttentionKeys keys, List<Tensor> skips)
    {
        for (int i = 0; i < resnets.Count; i++)
        {
            x = ResNetAndAttention(i, x, temb, cond, keys);
            skips.Add(x);
        }
        if (resample is not null)
        {
            x = resample.forward(x);
            skips.Add(x);
        }
        return x;
    }

    /// <summary>Up path: pops one skip per ResNet (most recent first) and concatenates it on channels.</summary>
    public Tensor Up(Tensor x, Tensor temb, Tensor cond, CrossAttentionKeys keys, List<Tensor> skips)
    {
        for (int i = 0; i < resnets.Count; i++)
        {
            var skip = skips[^1];
            skips.RemoveAt(skips.Count - 1);
            x = ResNetAndAttention(i, cat([x, skip], 1), temb, cond, keys);
        }
        if (resampleKind == Resample.Up)
        {
            x = nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
            x = resample!.forward(x);
        }
        return x;
    }

    private Tensor ResNetAndAttention(int i, Tensor x, Tensor temb, Tensor cond, CrossAttentionKeys keys)
    {
        x = resnets[i].Forward(x, temb);
        for (int j = 0; j < attentionPerResNet; j++)
            x = attentions[i * attentionPerResNet + j].Forward(x, cond, keys);
        return x;
    }

    /// <summary>ONNX mirror of <see cref="Down"/>.</summary>
    public string EmitDown(DenoiserOnnxEmitter e, string x, string temb, string cond, List<string> skips, string hint)
    {
        for (int i = 0; i < resnets.Count; i++)
        {
            x = EmitResNetAndAttention(e, i, x, temb, cond, hint);
            skips.Add(x);
        }
        if (resample is not null)
        {
            x = e.Conv(resample, x, hint + ".downsample");
            skips.Add(x);
        }
        return x;
    }

    /// <summary>ONNX mirror of <see cref="Up"/>.</summary>
    public string EmitUp(DenoiserOnnxEmitter e, string x, string temb, string cond, List<string> skips, string hint)
    {
        for (int i = 0; i < resnets.Count; i++)
        {
            var skip = skips[^1];
            skips.RemoveAt(skips.Count - 1);
            x = EmitResNetAndAttention(e, i, e.Graph.Concat([x, skip], 1), temb, cond, hint);
        }
        if (resampleKind == Resample.Up)
            x = e.Conv(resample!, e.Graph.ResizeNearest(x, [1f, 1f, 2f, 2f]), hint + ".upsample");
        return x;
    }

    private string EmitResNetAndAttention(DenoiserOnnxEmitter e, int i, string x, string temb, string cond, string hint)
    {
        x = resnets[i].Emit(e, x, temb, $"{hint}.resnet{i}");
        for (int j = 0; j < attentionPerResNet; j++)
            x = attentions[i * attentionPerResNet + j].Emit(e, x, cond, $"{hint}.attn{i * attentionPerResNet + j}");
        return x;
    }
}

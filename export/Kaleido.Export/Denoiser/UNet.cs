using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// One UNet of the nested denoiser, exposed stage by stage so <see cref="NestedUNet"/> can put the inner
/// network in the outer one's bottleneck: time embedding, input conv, down levels, optional mid block
/// (ResNet, attention, ResNet), up levels, output GN -> SiLU -> zero conv.
/// </summary>
internal sealed class UNet : nn.Module
{
    private readonly int normGroups;
    private readonly TimestepEmbedding time;
    private readonly Conv2d convIn;
    private readonly Conv2d? coordinateConv;
    private readonly ModuleList<UNetLevel> down;
    private readonly ResNetBlock? midResNet1;
    private readonly SpatialAttention? midAttention;
    private readonly ResNetBlock? midResNet2;
    private readonly ModuleList<UNetLevel> up;
    private readonly GroupNorm normOut;
    private readonly Conv2d convOut;

    /// <param name="conditionWidth">Width of the cross-attention tokens (the projected LM states).</param>
    /// <param name="hasMidBlock">False for the outer network, whose bottleneck is the inner network.</param>
    public UNet(UNetConfig config, int conditionWidth, bool hasMidBlock, Device device, int imageChannels = 3, bool regionMasked = false)
        : base(nameof(UNet))
    {
        var channels = config.Channels;
        int levels = config.Levels;
        normGroups = config.NormGroups;
        time = new TimestepEmbedding(config.TemporalDim, device);
        convIn = Layers.Conv(imageChannels, channels[0], 3, device);
        if (config.CoordinateChannels)
            coordinateConv = Layers.Conv(CoordinateGrid.Channels, channels[0], 3, device, bias: false);

        // Skip widths in push order: conv_in, every down ResNet(+attention), every downsample.
        var skipWidths = new List<int> { channels[0] };
        var downLevels = new List<UNetLevel>();
        int width = channels[0];
        for (int i = 0; i < levels; i++)
        {
            var inputs = new List<int>();
            for (int j = 0; j < config.ResBlocks[i]; j++)
            {
                inputs.Add(width);
                width = channels[i];
                skipWidths.Add(width);
            }
            bool downsample = i != levels - 1;
            if (downsample)
                skipWidths.Add(width);
            downLevels.Add(new UNetLevel(inputs, channels[i], config.AttentionLayers[i],
                downsample ? UNetLevel.Resample.Down : UNetLevel.Resample.None, config, conditionWidth, device, regionMasked));
        }
        down = new ModuleList<UNetLevel>(downLevels.ToArray());

        if (hasMidBlock)
        {
            midResNet1 = new ResNetBlock(width, width, config.TemporalDim, config.NormGroups, device);
            midAttention = new SpatialAttention(width, conditionWidth, config.Heads, config.AttentionFfn, config.NormGroups, device, regionMasked);
            midResNet2 = new ResNetBlock(width, width, config.TemporalDim, config.NormGroups, device);
        }

        var upLevels = new List<UNetLevel>();
        for (int i = levels - 1; i >= 0; i--)
        {
            var inputs = new List<int>();
            for (int j = 0; j < config.ResBlocks[i] + 1; j++)
            {
                inputs.Add(width + skipWidths[^1]);
                skipWidths.RemoveAt(skipWidths.Count - 1);
                width = channels[i];
            }
            upLevels.Add(new UNetLevel(inputs, channels[i], config.AttentionLayers[i],
                i != 0 ? UNetLevel.Resample.Up : UNetLevel.Resample.None, config, conditionWidth, device, regionMasked));
        }
        up = new ModuleList<UNetLevel>(upLevels.ToArray());

        normOut = Layers.GroupNorm(config.NormGroups, width, device);
        convOut = Layers.ZeroConv(width, imageChannels, 3, device);
        RegisterComponents();
    }

    public Tensor EmbedTime(Tensor t) => time.Forward(t);

    public Tensor Input(Tensor image)
    {
        var h = convIn.forward(image);
        return coordinateConv is null ? h : h + CoordinateMap(image.shape[2], image.shape[3]);
    }

    /// <summary>The coordinate conv's output for a height x width image: [1, C, height, width], a function of the weights only.</summary>
    private Tensor CoordinateMap(long height, long width)
    {
        using var grid = CoordinateGrid.Create(height, width, coordinateConv!.weight!.device);
        return coordinateConv.forward(grid);
    }

    /// <summary>Down levels; returns the bottleneck features and the skips in push order.</summary>
    public (Tensor Features, List<Tensor> Skips) Down(Tensor x, Tensor temb, Tensor cond, CrossAttentionKeys keys)
    {
        var skips = new List<Tensor> { x };
        foreach (var level in down)
            x = level.Down(x, temb, cond, keys, skips);
        return (x, skips);
    }

    /// <summary>Mid block when present, else the identity.</summary>
    public Tensor Middle(Tensor x, Tensor temb, Tensor cond, CrossAttentionKeys keys)
    {
        if (midResNet1 is null)
            return x;
        x = midResNet1.Forward(x, temb);
        x = midAttention!.Forward(x, cond, keys);
        return midResNet2!.Forward(x, temb);
    }

    /// <summary>Up levels; consumes <paramref name="skips"/>. Returns the features before the output layer.</summary>
    public Tensor Up(Tensor x, Tensor temb, Tensor cond, CrossAttentionKeys keys, List<Tensor> skips)
    {
        foreach (var level in up)
            x = level.Up(x, temb, cond, keys, skips);
        return x;
    }

    public Tensor Output(Tensor features) => convOut.forward(nn.functional.silu(normOut.forward(features)));

    // ONNX mirrors of the stages above; hint prefixes the value names.
    public string EmitTime(DenoiserOnnxEmitter e, string t, string hint) => time.Emit(e, t, hint + ".time");

    public string EmitInput(DenoiserOnnxEmitter e, string image, int side, string hint)
    {
        var h = e.Conv(convIn, image, hint + ".conv_in");
        if (coordinateConv is null)
            return h;
        using var map = CoordinateMap(side, side);
        return e.Graph.Add(h, e.Weight(map, hint + ".coordinate_map"), hint + ".conv_in");
    }

    public (string Features, List<string> Skips) EmitDown(DenoiserOnnxEmitter e, string x, string temb, string cond, string hint)
    {
        var skips = new List<string> { x };
        for (int i = 0; i < down.Count; i++)
            x = down[i].EmitDown(e, x, temb, cond, skips, $"{hint}.down{i}");
        return (x, skips);
    }

    public string EmitMiddle(DenoiserOnnxEmitter e, string x, string temb, string cond, string hint)
    {
        if (midResNet1 is null)
            return x;
        x = midResNet1.Emit(e, x, temb, hint + ".mid.resnet0");
        x = midAttention!.Emit(e, x, cond, hint + ".mid.attn");
        return midResNet2!.Emit(e, x, temb, hint + ".mid.resnet1");
    }

    public string EmitUp(DenoiserOnnxEmitter e, string x, string temb, string cond, List<string> skips, string hint)
    {
        for (int i = 0; i < up.Count; i++)
            x = up[i].EmitUp(e, x, temb, cond, skips, $"{hint}.up{i}");
        return x;
    }

    public string EmitOutput(DenoiserOnnxEmitter e, string features, string hint) =>
        e.Conv(convOut, e.Silu(e.GroupNorm(normOut, normGroups, features, hint + ".norm_out")), hint + ".conv_out");
}

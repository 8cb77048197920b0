using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// The Matryoshka denoiser (ml-mdm <c>NestedUNet.forward_denoising</c>): predicts v at the top resolution and
/// at 1/NestRatio of it. The inner UNet replaces the outer bottleneck through zero-initialised adapters, and
/// owns the text-conditioning path whose embedding is added to both networks' time embeddings.
/// Micro-conditioning ("scale:256"/"scale:64", a learned constant in practice) is left out.
/// </summary>
public sealed class NestedUNet : nn.Module
{
    private readonly ConditioningHead conditioning;
    private readonly UNet outer;
    private readonly UNet inner;
    private readonly Conv2d inAdapter;
    private readonly Conv2d outAdapter;

    /// <param name="device">Where the weights live; <c>torch.device("meta")</c> builds shapes only.</param>
    public NestedUNet(NestedUNetConfig config, Device? device = null) : base(nameof(NestedUNet))
    {
        config.Validate();
        device ??= CPU;
        Config = config;
        int conditionWidth = config.Conditioning.ProjectedWidth;
        conditioning = new ConditioningHead(config.Conditioning, config.Inner.TemporalDim, device);
        bool regionMasked = config.Conditioning.IsRegionMasked;
        outer = new UNet(config.Outer, conditionWidth, hasMidBlock: false, device, regionMasked: regionMasked);
        inner = new UNet(config.Inner, conditionWidth, hasMidBlock: true, device, regionMasked: regionMasked);
        inAdapter = Layers.ZeroConv(config.Outer.Channels[^1], config.Inner.Channels[0], 3, device);
        outAdapter = Layers.ZeroConv(config.Inner.Channels[0], config.Outer.Channels[^1], 3, device);
        RegisterComponents();
    }

    public NestedUNetConfig Config { get; }

    /// <summary>Parameters of the model <paramref name="config"/> describes, counted on the meta device (nothing allocated).</summary>
    public static long CountParameters(NestedUNetConfig config)
    {
        using var model = new NestedUNet(config, torch.device("meta"));
        return model.parameters().Sum(p => p.numel());
    }

    /// <summary>
    /// Predicts v at every resolution.
    /// images: noisy x_t per resolution, highest first: [B, 3, H, W] and [B, 3, H/r, W/r] (r = NestRatio);
    /// t: [B] step indices 0..999 (integer or float); lm: [B, L, D_lm] language-model states;
    /// mask: [B, L], 1 for real tokens and 0 for padding, at least one real token per row.
    /// A region-masked model also takes tokenObjects int64 [B, L] (object index or −1) and regions float [B, M, 4]
    /// (runtime <c>ObjectGrounding.WriteRow</c>); the paper's model takes neither.
    /// Returns v per resolution, highest first.
    /// </summary>
    public Tensor[] Forward(IReadOnlyList<Tensor> images, Tensor t, Tensor lm, Tensor mask, Tensor? tokenObjects = null, Tensor? regions = null)
    {
        CheckInputs(images, t, lm, mask);
        CheckGrounding(lm, tokenObjects, regions);
        using var scope = NewDisposeScope();
        var maskF = mask.to(ScalarType.Float32);
        var keys = new CrossAttentionKeys(maskF, tokenObjects, regions?.to(ScalarType.Float32));

        // 1. Conditioning tokens and the embedding added to both time embeddings.
        var (tokens, condEmb) = conditioning.Forward(lm, maskF);
        var tembOuter = outer.EmbedTime(t) + condEmb;
        var tembInner = inner.EmbedTime(t) + condEmb;

        // 2. Outer down path at the top resolution.
        var (h, outerSkips) = outer.Down(outer.Input(images[0]), tembOuter, tokens, keys);

        // 3. Inner UNet at 1/r, fed the outer bottleneck through the input adapter.
        var innerIn = inner.Input(images[1]) + inAdapter.forward(h);
        var (g, innerSkips) = inner.Down(innerIn, tembInner, tokens, keys);
        g = inner.Middle(g, tembInner, tokens, keys);
        var innerFeatures = inner.Up(g, tembInner, tokens, keys, innerSkips);
        var vLow = inner.Output(innerFeatures);

        // 4. Back out: the inner features replace the outer bottleneck, then the outer up path.
        h = h + outAdapter.forward(innerFeatures);
        var vHigh = outer.Output(outer.Up(h, tembOuter, tokens, keys, outerSkips));
        return [vHigh.MoveToOuterDisposeScope(), vLow.MoveToOuterDisposeScope()];
    }

    /// <summary>The outer network's input features (input conv plus coordinate map), for tests.</summary>
    internal Tensor OuterInputForTests(Tensor image) => outer.Input(image);

    /// <summary>
    /// ONNX mirror of <see cref="Forward"/>: the graph inputs are named by the caller (see <see cref="DenoiserOnnxExporter"/>);
    /// returns the v values, highest resolution first. mask is int64 [B, L]; side is the fixed top-resolution side;
    /// tokenObjects and regions are the region-masked model's extra inputs (null for the paper's model).
    /// </summary>
    internal string[] EmitOnnx(DenoiserOnnxEmitter e, string high, string low, int side, string t, string lm, string mask,
        string? tokenObjects = null, string? regions = null)
    {
        if (Config.Conditioning.IsRegionMasked != (tokenObjects is not null && regions is not null))
            throw new ArgumentException("A region-masked denoiser's graph takes token objects and regions; the paper's takes neither.");
        var g = e.Graph;
        e.TokenObjects = tokenObjects ?? "";
        e.Regions = regions ?? "";
        var maskF = g.Cast(mask, global::Onnx.TensorProto.Types.DataType.Float, "mask_f");
        e.PaddedKeys = g.Unsqueeze(g.Equal(mask, g.ScalarInt64("zero", 0)), [1, 2], "padded_keys"); // [B, 1, 1, L]

        // 1. Conditioning tokens and the embedding added to both time embeddings.
        var (tokens, condEmb) = conditioning.Emit(e, lm, maskF);
        var tembOuter = g.Add(outer.EmitTime(e, t, "outer"), condEmb, "temb_outer");
        var tembInner = g.Add(inner.EmitTime(e, t, "inner"), condEmb, "temb_inner");

        // 2. Outer down path.
        var (h, outerSkips) = outer.EmitDown(e, outer.EmitInput(e, high, side, "outer"), tembOuter, tokens, "outer");

        // 3. Inner UNet.
        var innerIn = g.Add(inner.EmitInput(e, low, side / Config.NestRatio, "inner"), e.Conv(inAdapter, h, "in_adapter"));
        var (gi, innerSkips) = inner.EmitDown(e, innerIn, tembInner, tokens, "inner");
        gi = inner.EmitMiddle(e, gi, tembInner, tokens, "inner");
        var innerFeatures = inner.EmitUp(e, gi, tembInner, tokens, innerSkips, "inner");
        var vLow = inner.EmitOutput(e, innerFeatures, "inner");

        // 4. Outer up path.
        h = g.Add(h, e.Conv(outAdapter, innerFeatures, "out_adapter"));
        var vHigh = outer.EmitOutput(e, outer.EmitUp(e, h, tembOuter, tokens, outerSkips, "outer"), "outer");
        return [vHigh, vLow];
    }

    /// <summary>
    /// Overwrites every parameter with seeded random values (matrices U(+-sqrt(3/fan_in)), norm scales
    /// U(0.5, 1.5), biases U(-0.3, 0.3)), so parity tests cannot pass on zero-initialised outputs.
    /// </summary>
    public void RandomizeAllParameters(long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (p.dim() >= 2)
            {
                double bound = Math.Sqrt(3.0 / (p.numel() / p.shape[0]));
                p.uniform_(-bound, bound, generator);
            }
            else if (name.EndsWith("weight", StringComparison.Ordinal))
                p.uniform_(0.5, 1.5, generator);
            else
                p.uniform_(-0.3, 0.3, generator);
        }
    }

    private void CheckGrounding(Tensor lm, Tensor? tokenObjects, Tensor? regions)
    {
        if (!Config.Conditioning.IsRegionMasked)
        {
            if (tokenObjects is not null || regions is not null)
                throw new ArgumentException("This denoiser has the paper's conditioning; it takes no token objects or regions.");
            return;
        }
        if (tokenObjects is null || regions is null)
            throw new ArgumentException("This denoiser is region-masked; it needs token objects and regions.");
        long b = lm.shape[0];
        if (tokenObjects.dim() != 2 || tokenObjects.shape[0] != b || tokenObjects.shape[1] != lm.shape[1])
            throw new ArgumentException($"tokenObjects: expected [{b}, {lm.shape[1]}], got [{string.Join(", ", tokenObjects.shape)}].", nameof(tokenObjects));
        if (regions.dim() != 3 || regions.shape[0] != b || regions.shape[2] != 4)
            throw new ArgumentException($"regions: expected [{b}, M, 4], got [{string.Join(", ", regions.shape)}].", nameof(regions));
    }

    private void CheckInputs(IReadOnlyList<Tensor> images, Tensor t, Tensor lm, Tensor mask)
    {
        if (images.Count != 2)
            throw new ArgumentException($"images: expected 2 resolutions (highest first), got {images.Count}.", nameof(images));
        var high = images[0].shape;
        var low = images[1].shape;
        int r = Config.NestRatio;
        if (high.Length != 4 || high[1] != 3 || high[2] % r != 0 || high[3] % r != 0)
            throw new ArgumentException($"images[0]: expected [B, 3, H, W] with H and W divisible by {r}, got [{string.Join(", ", high)}].", nameof(images));
        long b = high[0];
        if (low.Length != 4 || low[0] != b || low[1] != 3 || low[2] != high[2] / r || low[3] != high[3] / r)
            throw new ArgumentException(
                $"images[1]: expected [{b}, 3, {high[2] / r}, {high[3] / r}], got [{string.Join(", ", low)}].", nameof(images));
        if (low[2] % Config.Inner.DownsampleFactor != 0 || low[3] % Config.Inner.DownsampleFactor != 0)
            throw new ArgumentException($"images[1]: side lengths must be divisible by {Config.Inner.DownsampleFactor}.", nameof(images));
        if (t.dim() != 1 || t.shape[0] != b)
            throw new ArgumentException($"t: expected [{b}], got [{string.Join(", ", t.shape)}].", nameof(t));
        if (lm.dim() != 3 || lm.shape[0] != b || lm.shape[2] != Config.Conditioning.LmWidth)
            throw new ArgumentException(
                $"lm: expected [{b}, L, {Config.Conditioning.LmWidth}], got [{string.Join(", ", lm.shape)}].", nameof(lm));
        if (mask.dim() != 2 || mask.shape[0] != b || mask.shape[1] != lm.shape[1])
            throw new ArgumentException($"mask: expected [{b}, {lm.shape[1]}], got [{string.Join(", ", mask.shape)}].", nameof(mask));
    }
}

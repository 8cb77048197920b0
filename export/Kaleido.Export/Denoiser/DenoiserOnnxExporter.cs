using Kaleido.Export.Onnx;
using Kaleido.Runtime.Package;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Writes a <see cref="NestedUNet"/> as one ONNX graph.
/// Inputs: x_t_0 float [batch, 3, S, S] and x_t_1 float [batch, 3, S/r, S/r] (highest resolution first),
/// t int64 [batch] (step index 0..999), lm float [batch, tokens, D_lm], mask int64 [batch, tokens] (1 = real token);
/// a region-masked model also takes token_object int64 [batch, tokens] and regions float [batch, M, 4].
/// Outputs: v_0 and v_1, shaped like x_t_0 and x_t_1. Batch and token count are dynamic; S is fixed at export.
/// </summary>
public static class DenoiserOnnxExporter
{
    /// <summary>Above this many bytes of weights the initializers go to an external data file (protobuf's 2 GiB limit).</summary>
    public const long DefaultExternalDataThresholdBytes = 2L << 30;

    /// <summary>With external data on, initializers at least this big move out; small ones stay inline.</summary>
    private const long ExternalInitializerMinBytes = 1024;

    public static ModelProto Build(NestedUNet model, int side, bool float16Weights = false, OnnxModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        int lowSide = side / config.NestRatio;
        if (side <= 0 || side % config.NestRatio != 0 || lowSide % config.Inner.DownsampleFactor != 0)
            throw new ArgumentException(
                $"side: must be a positive multiple of {config.NestRatio * config.Inner.DownsampleFactor} for this config; got {side}.", nameof(side));

        var graph = new OnnxGraphBuilder("nested_unet");
        var high = graph.Input("x_t_0", DataType.Float, "batch", 3, side, side);
        var low = graph.Input("x_t_1", DataType.Float, "batch", 3, lowSide, lowSide);
        var t = graph.Input("t", DataType.Int64, "batch");
        var lm = graph.Input("lm", DataType.Float, "batch", "tokens", config.Conditioning.LmWidth);
        var mask = graph.Input("mask", DataType.Int64, "batch", "tokens");
        string? tokenObjects = null, regions = null;
        if (config.Conditioning.IsRegionMasked)
        {
            tokenObjects = graph.Input(GraphNames.Denoiser.TokenObjects, DataType.Int64, "batch", "tokens");
            regions = graph.Input(GraphNames.Denoiser.Regions, DataType.Float, "batch", config.Conditioning.MaxObjects, GraphNames.Denoiser.RegionValues);
        }

        using (TorchSharp.torch.no_grad())
        {
            var v = model.EmitOnnx(new DenoiserOnnxEmitter(graph, float16Weights), high, low, side, t, lm, mask, tokenObjects, regions);
            graph.Output(v[0], "v_0", DataType.Float, "batch", 3, side, side);
            graph.Output(v[1], "v_1", DataType.Float, "batch", 3, lowSide, lowSide);
        }
        return graph.Build(options);
    }

    /// <summary>
    /// Builds and saves the graph to <paramref name="path"/>. When the weights hold at least
    /// <paramref name="externalDataThresholdBytes"/> bytes, every initializer of 1 KiB or more goes to
    /// "&lt;file&gt;.data" beside it.
    /// </summary>
    public static void Export(
        NestedUNet model, string path, int side, bool float16Weights = false,
        long externalDataThresholdBytes = DefaultExternalDataThresholdBytes)
    {
        var proto = Build(model, side, float16Weights);
        long weightBytes = proto.Graph.Initializer.Sum(i => (long)i.RawData.Length);
        bool external = weightBytes >= externalDataThresholdBytes;
        OnnxModelWriter.Save(proto, path, external ? ExternalInitializerMinBytes : null);
    }
}

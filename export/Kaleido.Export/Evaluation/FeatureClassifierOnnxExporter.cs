using Kaleido.Export.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// Writes a <see cref="FeatureClassifier"/> as ONNX: input "images" float [batch, 3, S, S] in [−1, 1]; outputs
/// "features" float [batch, F] (for FID and precision/recall) and "attribute_logits" float [batch, 20] (the head, in
/// the layout of <see cref="SceneAttributes"/>: 6 shape and 6 colour presence logits, 4 background, 4 style logits),
/// so the same file can serve as the attribute detector for coverage.
/// </summary>
public static class FeatureClassifierOnnxExporter
{
    public const string InputName = "images";
    public const string OutputName = "features";
    public const string LogitsName = "attribute_logits";

    public static ModelProto Build(FeatureClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var graph = new OnnxGraphBuilder("feature_classifier");
        var h = graph.Input(InputName, DataType.Float, "batch", 3, config.ImageSide, config.ImageSide);
        using (TorchSharp.torch.no_grad())
        {
            for (int layer = 0; layer < model.Convolutions.Count; layer++)
            {
                // Conv k×k with "same" padding k/2 and the module's stride, its batch norm folded in, then ReLU,
                // as in FeatureClassifier.Features (eval mode).
                var conv = model.Convolutions[layer];
                string hint = $"conv{layer}";
                long kernel = conv.weight!.shape[2];
                long stride = conv.stride[0];
                long pad = kernel / 2;
                var (weight, bias) = FoldBatchNorm(conv, model.Norms[layer]);
                h = graph.Conv(h, graph.Initializer(hint + ".weight", weight), graph.Initializer(hint + ".bias", bias),
                    [kernel, kernel], [stride, stride], [pad, pad, pad, pad], hint);
                weight.Dispose();
                bias.Dispose();
                h = graph.Node("Relu", [h], hint + ".relu");
            }
        }
        var pooled = graph.ReduceMean(h, [2, 3], keepDims: false, "pool"); // [B, F]
        graph.Output(pooled, OutputName, DataType.Float, "batch", config.FeatureDim);
        string logits;
        using (TorchSharp.torch.no_grad())
        {
            using var weightT = model.Head.weight!.t();
            logits = graph.Add(graph.MatMul(pooled, graph.Initializer("head.weight_t", weightT)), graph.Initializer("head.bias", model.Head.bias!), "head"); // [B, 20]
        }
        graph.Output(logits, LogitsName, DataType.Float, "batch", SceneAttributes.LogitCount);
        return graph.Build();
    }

    /// <summary>
    /// BN(conv(x)) in eval mode is one convolution: with s = γ / sqrt(σ² + ε) per output channel,
    /// W′ = W·s and b′ = (b − μ)·s + β (μ, σ² the running statistics).
    /// </summary>
    private static (TorchSharp.torch.Tensor Weight, TorchSharp.torch.Tensor Bias) FoldBatchNorm(TorchSharp.Modules.Conv2d conv, TorchSharp.Modules.BatchNorm2d norm)
    {
        var scale = norm.weight! / (norm.running_var! + norm.eps).sqrt();                        // [C]
        var weight = conv.weight! * scale.reshape(-1, 1, 1, 1);                                   // [C, C_in, k, k]
        var bias = (conv.bias! - norm.running_mean!) * scale + norm.bias!;                         // [C]
        scale.Dispose();
        return (weight, bias);
    }

    public static void Export(FeatureClassifier model, string path) => OnnxModelWriter.Save(Build(model), path);
}

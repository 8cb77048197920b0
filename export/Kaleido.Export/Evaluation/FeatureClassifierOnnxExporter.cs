using Kaleido.Export.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// Writes the feature extractor of a <see cref="FeatureClassifier"/> as ONNX: input "images" float [batch, 3, S, S]
/// in [−1, 1], output "features" float [batch, F]. The attribute head is left out: evaluation needs the features only.
/// </summary>
public static class FeatureClassifierOnnxExporter
{
    public const string InputName = "images";
    public const string OutputName = "features";

    public static ModelProto Build(FeatureClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var graph = new OnnxGraphBuilder("feature_classifier");
        var h = graph.Input(InputName, DataType.Float, "batch", 3, config.ImageSide, config.ImageSide);
        using (TorchSharp.torch.no_grad())
        {
            int layer = 0;
            foreach (var conv in model.Convolutions)
            {
                // Conv k×k with "same" padding k/2 and the module's stride, then ReLU, as in FeatureClassifier.Features.
                string hint = $"conv{layer++}";
                long kernel = conv.weight!.shape[2];
                long stride = conv.stride[0];
                long pad = kernel / 2;
                h = graph.Conv(h, graph.Initializer(hint + ".weight", conv.weight!), graph.Initializer(hint + ".bias", conv.bias!),
                    [kernel, kernel], [stride, stride], [pad, pad, pad, pad], hint);
                h = graph.Node("Relu", [h], hint + ".relu");
            }
        }
        var pooled = graph.ReduceMean(h, [2, 3], keepDims: false, "pool"); // [B, F]
        graph.Output(pooled, OutputName, DataType.Float, "batch", config.FeatureDim);
        return graph.Build();
    }

    public static void Export(FeatureClassifier model, string path) => OnnxModelWriter.Save(Build(model), path);
}

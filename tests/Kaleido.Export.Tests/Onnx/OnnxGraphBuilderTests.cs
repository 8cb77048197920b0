using Kaleido.Export.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Tests.Onnx;

public sealed class OnnxGraphBuilderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kaleido-onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Matmul_add_softmax_graph_matches_torch(bool externalData, bool weightAsFloat16)
    {
        var generator = new Generator(1234);
        using var weight = randn(new long[] { 5, 7 }, generator: generator);
        using var bias = randn(new long[] { 7 }, generator: generator);
        using var x = randn(new long[] { 3, 5 }, generator: generator);

        // Builder: y = softmax(x·W + b) over the last axis, with a symbolic batch dimension.
        var builder = new OnnxGraphBuilder("tiny");
        var input = builder.Input("x", DataType.Float, "batch", 5);
        var w = builder.Initializer("w", weight, storeAsFloat16: weightAsFloat16);
        if (weightAsFloat16)
            w = builder.Cast(w, DataType.Float);
        var logits = builder.Add(builder.MatMul(input, w), builder.Initializer("b", bias));
        builder.Output(builder.Softmax(logits), "y", DataType.Float, "batch", 7);
        var path = Path.Combine(_directory, "tiny.onnx");
        OnnxModelWriter.Save(builder.Build(), path, externalThresholdBytes: externalData ? 16 : null);
        Assert.Equal(externalData, File.Exists(path + ".data"));

        // Reference computed by torch directly, with the weight rounded the same way when stored as fp16.
        using var referenceWeight = weightAsFloat16 ? weight.to(float16).to(float32) : weight.alias();
        using var expected = softmax(x.matmul(referenceWeight) + bias, -1);

        using var session = new InferenceSession(path);
        var inputTensor = new DenseTensor<float>(x.data<float>().ToArray(), [3, 5]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", inputTensor)]);
        var actual = results.Single(r => r.Name == "y").AsTensor<float>().ToArray();

        Assert.True(RelativeError(actual, expected.data<float>().ToArray()) <= 1e-6, "ONNX Runtime and torch disagree.");
    }

    [Fact]
    public void Unique_names_never_repeat()
    {
        var builder = new OnnxGraphBuilder("names");
        builder.Input("x", DataType.Float, 1);
        var names = Enumerable.Range(0, 5).Select(_ => builder.UniqueName("x")).Append(builder.UniqueName("x_1")).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain("x", names);
        Assert.Throws<ArgumentException>(() => builder.Input("x", DataType.Float, 1));
    }

    private static double RelativeError(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0, maxRef = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }
        return maxDiff / maxRef;
    }
}

using Kaleido.Export.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Tests.Onnx;

/// <summary>
/// Issue 15 item 5's bf16 question, asked of the ONNX Runtime the runtime ships: can its CPU provider run the
/// denoiser's two compute-heavy operators, Conv and MatMul, in bfloat16? Each graph casts its fp32 input and
/// weight to the probed type, runs the one operator there and casts back, so only the operator's kernel is in question.
/// fp32 must run (the probe is sound); bf16 is expected to have no kernel. If that assertion fails, ONNX Runtime has
/// gained bf16 kernels and docs/benchmarks.md ("bf16 and int8") must be measured again.
/// </summary>
public sealed class BFloat16KernelProbeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kaleido-bf16-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Conv")]
    [InlineData("MatMul")]
    public void The_cpu_provider_runs_the_operator_in_fp32_and_has_no_bf16_kernel(string op)
    {
        string fp32 = Probe(op, DataType.Float);
        Assert.Equal("ran", fp32);

        string bf16 = Probe(op, DataType.Bfloat16);
        output.WriteLine($"{op}: fp32 {fp32}; bf16 {bf16}");
        Assert.StartsWith("no kernel", bf16);
    }

    /// <summary>Builds, loads and runs the one-operator graph in <paramref name="type"/>; says what happened.</summary>
    private string Probe(string op, DataType type)
    {
        var generator = new Generator(5);
        bool conv = op == "Conv";
        long[] inputShape = conv ? [1, 4, 8, 8] : [8, 16];
        using var weight = randn(conv ? [4, 4, 3, 3] : [16, 16], generator: generator);
        using var x = randn(inputShape, generator: generator);

        var builder = new OnnxGraphBuilder($"probe-{op}");
        string input = builder.Input("x", DataType.Float, [.. inputShape.Select(d => (OnnxDim)d)]);
        string castInput = type == DataType.Float ? input : builder.Cast(input, type);
        string w = builder.Initializer("w", weight);
        string castWeight = type == DataType.Float ? w : builder.Cast(w, type);
        string y = conv
            ? builder.Conv(castInput, castWeight, null, kernelShape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1])
            : builder.MatMul(castInput, castWeight);
        string back = type == DataType.Float ? y : builder.Cast(y, DataType.Float);
        builder.Output(back, "y", DataType.Float, [.. inputShape.Select(d => (OnnxDim)d)]);
        string path = Path.Combine(_directory, $"{op}-{type}.onnx");
        // Opset 22: the first whose Conv admits bfloat16 (the denoiser's opset 21 does not even type-check it).
        OnnxModelWriter.Save(builder.Build(new OnnxModelOptions { Opset = 22 }), path);

        try
        {
            using var session = new InferenceSession(path);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x.data<float>().ToArray(), [.. inputShape.Select(d => (int)d)]))]);
            return results.Single().AsTensor<float>().Length == x.numel() ? "ran" : "wrong output size";
        }
        catch (OnnxRuntimeException e) when (e.Message.Contains("Could not find an implementation", StringComparison.Ordinal))
        {
            return "no kernel: " + e.Message;
        }
    }
}

using Kaleido.Export.Denoiser;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Denoiser;

/// <summary>
/// The exported graph, run in ONNX Runtime, against the TorchSharp forward of the same randomised model,
/// at every resolution output: max|onnx - torch| / max|torch|.
/// </summary>
public sealed class DenoiserOnnxParityTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kaleido-denoiser-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(1, false, 1e-4)]
    [InlineData(4, false, 1e-4)]
    [InlineData(1, true, 1e-2)]
    [InlineData(4, true, 1e-2)]
    public void Tiny_model_matches_torch(int batch, bool float16Weights, double tolerance)
    {
        var path = Path.Combine(directory, "tiny.onnx");
        using var model = RandomModel(DenoiserConfigs.Tiny, seed: 21);
        DenoiserOnnxExporter.Export(model, path, side: 16, float16Weights);
        Assert.False(File.Exists(path + ".data"));
        AssertParity(model, path, side: 16, batch, tokens: 7, tolerance, $"tiny b{batch} fp16={float16Weights}");
    }

    [Fact]
    public void Tiny_model_with_forced_external_data_loads_from_a_path_and_matches_torch()
    {
        var path = Path.Combine(directory, "external", "tiny.onnx");
        using var model = RandomModel(DenoiserConfigs.Tiny, seed: 22);
        DenoiserOnnxExporter.Export(model, path, side: 16, externalDataThresholdBytes: 1);
        Assert.True(File.Exists(path + ".data"));
        Assert.True(new FileInfo(path + ".data").Length > new FileInfo(path).Length);
        AssertParity(model, path, side: 16, batch: 3, tokens: 7, 1e-4, "tiny external b3");
    }

    [Theory]
    [InlineData(false, 1e-4)]
    [InlineData(true, 1e-2)]
    public void Tiny_model_with_coordinate_channels_matches_torch(bool float16Weights, double tolerance)
    {
        // The exporter folds the coordinate conv into a constant map; this is the path that proves the fold.
        var config = DenoiserConfigs.Tiny with
        {
            Outer = DenoiserConfigs.Tiny.Outer with { CoordinateChannels = true },
            Inner = DenoiserConfigs.Tiny.Inner with { CoordinateChannels = true },
        };
        var path = Path.Combine(directory, "tiny-coordinates.onnx");
        using var model = RandomModel(config, seed: 24);
        DenoiserOnnxExporter.Export(model, path, side: 16, float16Weights);
        AssertParity(model, path, side: 16, batch: 3, tokens: 5, tolerance, $"tiny coordinates fp16={float16Weights}");
    }

    [Fact]
    public void Small_model_matches_torch()
    {
        // 32 GroupNorm groups and 8 heads, as in B.1.
        var path = Path.Combine(directory, "small.onnx");
        using var model = RandomModel(DenoiserConfigs.Small, seed: 23);
        DenoiserOnnxExporter.Export(model, path, side: 32);
        AssertParity(model, path, side: 32, batch: 2, tokens: 9, 1e-4, "small b2");
    }

    private static NestedUNet RandomModel(NestedUNetConfig config, long seed)
    {
        var model = new NestedUNet(config);
        model.RandomizeAllParameters(seed);
        return model;
    }

    private void AssertParity(NestedUNet model, string path, int side, int batch, int tokens, double tolerance, string label)
    {
        var input = DenoiserInputs.Random(model.Config, batch, side, tokens, seed: 100 + batch);
        var expected = model.Forward([input.High, input.Low], input.T, input.Lm, input.Mask);

        using var session = new InferenceSession(path);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("x_t_0", FloatTensor(input.High)),
            NamedOnnxValue.CreateFromTensor("x_t_1", FloatTensor(input.Low)),
            NamedOnnxValue.CreateFromTensor("t", new DenseTensor<long>(input.T.data<long>().ToArray(), [batch])),
            NamedOnnxValue.CreateFromTensor("lm", FloatTensor(input.Lm)),
            NamedOnnxValue.CreateFromTensor("mask", new DenseTensor<long>(input.Mask.data<long>().ToArray(), [batch, tokens])),
        ]);
        for (int r = 0; r < 2; r++)
        {
            var actualTensor = results.Single(x => x.Name == $"v_{r}").AsTensor<float>();
            Assert.Equal(expected[r].shape, actualTensor.Dimensions.ToArray().Select(d => (long)d).ToArray());
            var reference = expected[r].data<float>().ToArray();
            var actual = actualTensor.ToArray();
            double maxDiff = 0, maxRef = 0;
            for (int i = 0; i < reference.Length; i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - reference[i]));
                maxRef = Math.Max(maxRef, Math.Abs(reference[i]));
            }
            double error = maxDiff / maxRef;
            output.WriteLine($"{label} v_{r}: max|ref| {maxRef:G4}, relative error {error:E2}");
            Assert.True(maxRef > 1e-2, "The reference output is near zero: parity would prove nothing.");
            Assert.True(error <= tolerance, $"{label} v_{r}: relative error {error:E2} > {tolerance:E0}.");
        }
    }

    private static DenseTensor<float> FloatTensor(TorchSharp.torch.Tensor t) =>
        new(t.contiguous().data<float>().ToArray(), t.shape.Select(d => (int)d).ToArray());
}

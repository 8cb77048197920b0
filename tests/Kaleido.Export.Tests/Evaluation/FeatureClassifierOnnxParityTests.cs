using Kaleido.Export.Evaluation;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Evaluation;

/// <summary>The exported classifier (features and attribute logits) in ONNX Runtime against the TorchSharp forward, random weights and images.</summary>
public sealed class FeatureClassifierOnnxParityTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kaleido-features-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(1, 31)]
    [InlineData(5, 32)]
    public void Features_MatchTorch(int batch, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var model = new FeatureClassifier(FeatureClassifierConfig.Default, generator);
        model.RandomizeAll(generator); // biases, norm scales and running statistics too, so a dropped term would show
        model.eval();
        string path = Path.Combine(directory, "features.onnx");
        FeatureClassifierOnnxExporter.Export(model, path);

        int side = model.Config.ImageSide, dim = model.Config.FeatureDim;
        using var images = rand([batch, 3, side, side], generator: generator) * 2 - 1; // [B, 3, S, S] in [−1, 1]
        float[] expectedFeatures, expectedLogits;
        using (no_grad())
        {
            expectedFeatures = model.Features(images).contiguous().data<float>().ToArray(); // [B, F]
            expectedLogits = model.Logits(images).contiguous().data<float>().ToArray();     // [B, 20]
        }

        using var session = new InferenceSession(path);
        var input = new DenseTensor<float>(images.contiguous().data<float>().ToArray(), [batch, 3, side, side]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(FeatureClassifierOnnxExporter.InputName, input)]);
        AssertClose(results, FeatureClassifierOnnxExporter.OutputName, [batch, dim], expectedFeatures);
        AssertClose(results, FeatureClassifierOnnxExporter.LogitsName, [batch, SceneAttributes.LogitCount], expectedLogits);
    }

    private void AssertClose(IEnumerable<DisposableNamedOnnxValue> results, string name, int[] shape, float[] expected)
    {
        var actual = results.Single(r => r.Name == name).AsTensor<float>();
        Assert.Equal(shape, actual.Dimensions.ToArray());
        float[] values = actual.ToArray();
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(values[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }
        double error = maxDiff / maxRef;
        output.WriteLine($"{name} [{string.Join(", ", shape)}]: max|ref| {maxRef:G4}, relative error {error:E2}");
        Assert.True(maxRef > 1e-2, $"The reference {name} are near zero: parity would prove nothing.");
        Assert.True(error <= 1e-4, $"{name}: relative error {error:E2} > 1e-4");
    }

    [Fact]
    public void Features_AreTheMeanOfTheLastReluMap()
    {
        // The pooled features equal a by-hand global average of the last ReLU(BatchNorm(conv)) map.
        using var generator = new Generator(33);
        using var model = new FeatureClassifier(FeatureClassifierConfig.Default, generator);
        model.RandomizeAll(generator);
        model.eval();
        using var _ = no_grad();
        using var images = rand([2, 3, 32, 32], generator: generator) * 2 - 1;
        var h = images;
        for (int i = 0; i < 4; i++)
            h = nn.functional.relu(model.Norms[i].forward(model.Convolutions[i].forward(h)));
        var map = h.contiguous().data<float>().ToArray(); // [2, F, 8, 8]
        var features = model.Features(images).data<float>().ToArray();
        int f = model.Config.FeatureDim, plane = 8 * 8;
        Assert.Equal([2L, f, 8, 8], h.shape);
        for (int b = 0; b < 2; b++)
        {
            for (int c = 0; c < f; c++)
            {
                double sum = 0;
                for (int p = 0; p < plane; p++)
                    sum += map[(b * f + c) * plane + p];
                Assert.Equal(sum / plane, features[b * f + c], tolerance: 1e-5); // a bound, not decimal rounding, which fails at rounding edges
            }
        }
    }
}

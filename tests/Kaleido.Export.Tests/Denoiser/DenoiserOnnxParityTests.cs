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

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Region_masked_tiny_model_matches_torch_and_its_regions_change_the_output(int batch)
    {
        var config = DenoiserConfigs.Tiny with { Conditioning = DenoiserConfigs.Tiny.Conditioning with { MaxObjects = 3 } };
        var path = Path.Combine(directory, "tiny-regions.onnx");
        using var model = RandomModel(config, seed: 25);
        DenoiserOnnxExporter.Export(model, path, side: 16);
        var grounding = RandomGrounding(batch, tokens: 7, objects: 3, seed: 26);
        var output0 = AssertParity(model, path, side: 16, batch, tokens: 7, 1e-4, $"tiny region-masked b{batch}", grounding);

        // Mirrored boxes must move what the object tokens write: the regions are really read.
        var mirrored = (grounding.TokenObjects, Regions: stack([1000 - grounding.Regions[.., .., 2], grounding.Regions[.., .., 1],
            1000 - grounding.Regions[.., .., 0], grounding.Regions[.., .., 3]], -1));
        var output1 = AssertParity(model, path, side: 16, batch, tokens: 7, 1e-4, $"tiny region-masked mirrored b{batch}", mirrored);
        Assert.True(output0.Zip(output1).Max(p => Math.Abs(p.First - p.Second)) > 1e-3, "Moving the boxes changed nothing.");
    }

    [Fact]
    public void Region_mask_blocks_exactly_the_object_tokens_outside_their_dilated_boxes()
    {
        var grounding = RandomGrounding(batch: 4, tokens: 9, objects: 3, seed: 27);
        var keyMask = (rand([4, 9]) > 0.2f).to(ScalarType.Float32);
        var keys = new CrossAttentionKeys(keyMask, grounding.TokenObjects, grounding.Regions);
        foreach (var (h, w) in new[] { (8L, 8L), (4L, 4L), (16L, 8L) })
        {
            var blocked = keys.Blocked(h, w).data<bool>().ToArray(); // [B, 1, N, L]
            var owners = grounding.TokenObjects.data<long>().ToArray();
            var boxes = grounding.Regions.data<float>().ToArray();
            var real = keyMask.data<float>().ToArray();
            for (int b = 0; b < 4; b++)
                for (int n = 0; n < h * w; n++)
                    for (int l = 0; l < 9; l++)
                    {
                        // Reference in double: the cell centre within the box grown by half a cell on every side.
                        double cx = (n % w + 0.5) * 1000 / w, cy = (n / w + 0.5) * 1000 / h;
                        long m = owners[b * 9 + l];
                        bool open = m < 0 || (cx >= boxes[(b * 3 + m) * 4] - 500.0 / w && cx <= boxes[(b * 3 + m) * 4 + 2] + 500.0 / w
                                              && cy >= boxes[(b * 3 + m) * 4 + 1] - 500.0 / h && cy <= boxes[(b * 3 + m) * 4 + 3] + 500.0 / h);
                        bool expected = !open || real[b * 9 + l] == 0;
                        Assert.True(expected == blocked[(b * h * w + n) * 9 + l], $"b{b} cell {n} token {l} of {h}x{w}");
                    }
        }
    }

    /// <summary>Token objects in {−1, 0, …, objects − 1} and integer boxes, one of them a single point.</summary>
    private static (TorchSharp.torch.Tensor TokenObjects, TorchSharp.torch.Tensor Regions) RandomGrounding(int batch, int tokens, int objects, long seed)
    {
        var random = new Random((int)seed);
        var owners = Enumerable.Range(0, batch * tokens).Select(_ => (long)random.Next(-1, objects)).ToArray();
        var boxes = new float[batch * objects * 4];
        for (int i = 0; i < batch * objects; i++)
        {
            int x1 = random.Next(0, 1001), x2 = random.Next(0, 1001), y1 = random.Next(0, 1001), y2 = random.Next(0, 1001);
            if (i == 0) (x2, y2) = (x1, y1);
            (boxes[i * 4], boxes[i * 4 + 1], boxes[i * 4 + 2], boxes[i * 4 + 3]) = (Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
        }
        return (tensor(owners, [batch, tokens]), tensor(boxes, [batch, objects, 4]));
    }

    private static NestedUNet RandomModel(NestedUNetConfig config, long seed)
    {
        var model = new NestedUNet(config);
        model.RandomizeAllParameters(seed);
        return model;
    }

    /// <summary>Asserts parity at both resolutions and returns the ONNX v of the highest one.</summary>
    private float[] AssertParity(NestedUNet model, string path, int side, int batch, int tokens, double tolerance, string label,
        (TorchSharp.torch.Tensor TokenObjects, TorchSharp.torch.Tensor Regions)? grounding = null)
    {
        var input = DenoiserInputs.Random(model.Config, batch, side, tokens, seed: 100 + batch);
        var expected = model.Forward([input.High, input.Low], input.T, input.Lm, input.Mask, grounding?.TokenObjects, grounding?.Regions);

        using var session = new InferenceSession(path);
        var feeds = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("x_t_0", FloatTensor(input.High)),
            NamedOnnxValue.CreateFromTensor("x_t_1", FloatTensor(input.Low)),
            NamedOnnxValue.CreateFromTensor("t", new DenseTensor<long>(input.T.data<long>().ToArray(), [batch])),
            NamedOnnxValue.CreateFromTensor("lm", FloatTensor(input.Lm)),
            NamedOnnxValue.CreateFromTensor("mask", new DenseTensor<long>(input.Mask.data<long>().ToArray(), [batch, tokens])),
        };
        if (grounding is { } g)
        {
            feeds.Add(NamedOnnxValue.CreateFromTensor("token_object", new DenseTensor<long>(g.TokenObjects.data<long>().ToArray(), [batch, tokens])));
            feeds.Add(NamedOnnxValue.CreateFromTensor("regions", FloatTensor(g.Regions)));
        }
        using var results = session.Run(feeds);
        float[] top = [];
        for (int r = 0; r < 2; r++)
        {
            var actualTensor = results.Single(x => x.Name == $"v_{r}").AsTensor<float>();
            Assert.Equal(expected[r].shape, actualTensor.Dimensions.ToArray().Select(d => (long)d).ToArray());
            var reference = expected[r].data<float>().ToArray();
            var actual = actualTensor.ToArray();
            if (r == 0) top = actual;
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
        return top;
    }

    private static DenseTensor<float> FloatTensor(TorchSharp.torch.Tensor t) =>
        new(t.contiguous().data<float>().ToArray(), t.shape.Select(d => (int)d).ToArray());
}

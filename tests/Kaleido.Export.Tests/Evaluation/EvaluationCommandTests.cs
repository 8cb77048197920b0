using System.Text.Json;
using Kaleido.Export.Evaluation;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace Kaleido.Export.Tests.Evaluation;

/// <summary>The command end to end on a small generated dataset: training, held-out accuracy, the ONNX features.</summary>
public sealed class EvaluationCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kaleido-evaluate-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ShortTraining_BeatsChanceClearly_AndWritesTheFeatureGraph()
    {
        // 1,200 scenes: 960 train, 240 held out; 800 steps of 32 images on one thread (about 12 s).
        string manifest = SyntheticShapes.Write(Path.Combine(directory, "data"), count: 1200, seed: 7);
        string outputFolder = Path.Combine(directory, "out");
        var log = new StringWriter();
        var errors = new StringWriter();
        int code = EvaluationCommand.Run(
            ["--manifest", manifest, "--out", outputFolder, "--steps", "800", "--batch", "32", "--holdout", "0.2", "--threads", "1"],
            log, errors);
        output.WriteLine(log.ToString());
        Assert.Equal("", errors.ToString());
        Assert.Equal(0, code);

        // Held-out accuracy against the majority baseline the command measured on the same images.
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputFolder, EvaluationCommand.ReportFile)));
        var accuracy = report.RootElement.GetProperty("heldOutAccuracy");
        var chance = report.RootElement.GetProperty("majorityBaseline");
        Assert.Equal(240, report.RootElement.GetProperty("heldOutImages").GetInt32());
        // Background colour and style: four classes each, chance about 0.25-0.35.
        Assert.True(chance.GetProperty("background").GetDouble() < 0.4);
        Assert.True(accuracy.GetProperty("background").GetDouble() >= 0.9, "background accuracy");
        Assert.True(accuracy.GetProperty("style").GetDouble() >= 0.6, "style accuracy");
        // Presence labels: the baseline predicts "absent" everywhere; the network must beat it by a margin.
        foreach (string labels in new[] { "shapeLabels", "colorLabels" })
            Assert.True(accuracy.GetProperty(labels).GetDouble() >= chance.GetProperty(labels).GetDouble() + 0.05, labels);

        // The ONNX graph runs and gives [B, 64] features.
        using var session = new InferenceSession(Path.Combine(outputFolder, EvaluationCommand.FeaturesFile));
        var images = new DenseTensor<float>(new float[2 * 3 * 32 * 32], [2, 3, 32, 32]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(FeatureClassifierOnnxExporter.InputName, images)]);
        Assert.Equal([2, 64], results.Single(r => r.Name == FeatureClassifierOnnxExporter.OutputName).AsTensor<float>().Dimensions.ToArray());
    }

    [Fact]
    public void SameSeed_GivesTheSameBytes()
    {
        string manifest = SyntheticShapes.Write(Path.Combine(directory, "data"), count: 60, seed: 8);
        byte[][] Run(string name)
        {
            string folder = Path.Combine(directory, name);
            Assert.Equal(0, EvaluationCommand.Run(
                ["--manifest", manifest, "--out", folder, "--steps", "5", "--batch", "8", "--seed", "3"], new StringWriter(), new StringWriter()));
            return [File.ReadAllBytes(Path.Combine(folder, EvaluationCommand.FeaturesFile)), File.ReadAllBytes(Path.Combine(folder, EvaluationCommand.ReportFile))];
        }
        var first = Run("a");
        var second = Run("b");
        Assert.Equal(first[0], second[0]);
        Assert.Equal(first[1], second[1]);
    }

    [Theory]
    [InlineData(new[] { "--out", "x" }, "--manifest")]
    [InlineData(new[] { "--manifest", "missing.jsonl", "--out", "x" }, "does not exist")]
    [InlineData(new[] { "--manifest", "m", "--out", "x", "--holdout", "1.5" }, "held-out share")]
    [InlineData(new[] { "--manifest", "m", "--out", "x", "--frobnicate", "1" }, "Unknown option '--frobnicate'")]
    public void BadInput_PrintsOneLineAndReturnsTwo(string[] args, string expected)
    {
        var log = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(2, EvaluationCommand.Run(args, log, errors));
        Assert.StartsWith("error: ", errors.ToString());
        Assert.Contains(expected, errors.ToString());
    }
}

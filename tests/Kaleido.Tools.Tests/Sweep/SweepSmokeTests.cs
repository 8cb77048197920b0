using Kaleido.Tools.Dataset;
using Kaleido.Tools.Sweep;
using Kaleido.Tools.Tests.Evaluation;
using Xunit.Abstractions;

namespace Kaleido.Tools.Tests.Sweep;

/// <summary>
/// The whole sweep on the shipped models and the committed feature network, at tiny settings: 2 captions × 2 samples
/// (4 images: precision/recall with k = 3 needs more than 3), guidance {1, 7}, DDIM 4 steps, against 200 real images
/// the test renders itself.
/// </summary>
public sealed class SweepSmokeTests(ITestOutputHelper output) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("kaleido-sweep-smoke-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ShippedModels_EveryCellHasFiniteMetrics_AndFilesAreWritten()
    {
        string root = RepositoryRoot.Find();
        string data = Path.Combine(_folder, "data");
        DatasetGenerator.Generate(new DatasetSettings(200, Seed: 5, CodebookSize: 8), data);
        var settings = new SweepSettings
        {
            KaleidoModel = Path.Combine(root, "models", "kaleido-shapes"),
            BaselineModel = Path.Combine(root, "models", "baseline-shapes"),
            FeaturesPath = Path.Combine(root, "models", "evaluation", "features.onnx"),
            RealManifest = Path.Combine(data, DatasetGenerator.ManifestFileName(Kaleido.Runtime.Latents.LatentKind.Combined)),
            OutputDirectory = Path.Combine(_folder, "out"),
            Captions = 2,
            SamplesPerCaption = 2,
            Guidance = [1f, 7f],
            Steps = 4,
            RealCount = 200,
        };

        SweepResult result = SweepRunner.Run(settings, output.WriteLine);
        SweepReport.WriteAll(result, settings.OutputDirectory);

        Assert.Equal(4, result.Cells.Count);
        Assert.Equal(2, result.Models.Count);
        Assert.Equal(200, result.RealImages);
        foreach (SweepCell cell in result.Cells)
        {
            Assert.True(double.IsFinite(cell.Fid) && cell.Fid >= 0, $"{cell.Model} w={cell.Guidance}: FID {cell.Fid}.");
            Assert.InRange(cell.Precision, 0, 1);
            Assert.InRange(cell.Recall, 0, 1);
            Assert.InRange(cell.Coverage, 0, 1);
            Assert.True(cell.Coverage > 0, "Every image shows at least its background, so coverage is above 0.");
            Assert.Equal(4, cell.Samples + cell.Failed);
        }
        foreach (string name in new[] { "results.json", "results.md", "results.png" })
            Assert.True(File.Exists(Path.Combine(settings.OutputDirectory, name)), $"{name} was not written.");
    }

    [Fact]
    public void Kaleido_alone_with_another_sampler_gives_one_cell_per_guidance_and_records_the_sampler()
    {
        string root = RepositoryRoot.Find();
        string data = Path.Combine(_folder, "data");
        DatasetGenerator.Generate(new DatasetSettings(200, Seed: 5, CodebookSize: 8), data);
        var settings = new SweepSettings
        {
            KaleidoModel = Path.Combine(root, "models", "kaleido-shapes"),
            FeaturesPath = Path.Combine(root, "models", "evaluation", "features.onnx"),
            RealManifest = Path.Combine(data, DatasetGenerator.ManifestFileName(Kaleido.Runtime.Latents.LatentKind.Combined)),
            OutputDirectory = Path.Combine(_folder, "out"),
            Captions = 2,
            SamplesPerCaption = 2,
            Guidance = [1f, 7f],
            Steps = 4,
            RealCount = 200,
            Sampler = "dpm++2m",
        };

        SweepResult result = SweepRunner.Run(settings, output.WriteLine);

        Assert.Equal("dpm++2m", result.Sampler);
        Assert.Equal(["kaleido-shapes"], result.Models);
        Assert.Equal([1f, 7f], result.Cells.Select(c => c.Guidance));
        Assert.All(result.Cells, cell => Assert.True(double.IsFinite(cell.Fid), $"w={cell.Guidance}: FID {cell.Fid}."));
    }
}

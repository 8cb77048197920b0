using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Sweep;
using Kaleido.Tools.Tests.Evaluation;

namespace Kaleido.Tools.Tests.Sweep;

public sealed class SweepSettingsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("kaleido-sweep-settings-").FullName;
    readonly string _features;
    readonly string _manifest;

    public SweepSettingsTests()
    {
        _features = Path.Combine(_folder, "features.onnx");
        _manifest = Path.Combine(_folder, "manifest.jsonl");
        File.WriteAllText(_features, "x");
        File.WriteAllText(_manifest, "");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    SweepOptions Options(int captions = 8, int samples = 4, string guidance = "1,2,4,7", int steps = 50, string? features = null, string? real = null) => new()
    {
        Kaleido = "k", Baseline = "b", Features = features ?? _features, Real = real ?? _manifest, Out = "out",
        Captions = captions, SamplesPerCaption = samples, Guidance = guidance, Steps = steps,
    };

    [Fact]
    public void GoodOptions_ParseGuidanceInOrder()
    {
        SweepSettings settings = SweepSettings.From(Options(guidance: "7, 1,2.5"));
        Assert.Equal([7f, 1f, 2.5f], settings.Guidance);
        Assert.Equal(32, settings.SamplesPerCell);
    }

    [Theory]
    [InlineData("1,,2", "''")]
    [InlineData("1,x", "'x'")]
    [InlineData("-1", "'-1'")]
    [InlineData("1,2,1", "twice")]
    [InlineData("NaN", "'NaN'")]
    public void BadGuidance_NamesTheOptionAndTheValue(string guidance, string expected)
    {
        var e = Assert.Throws<ToolInputException>(() => SweepSettings.From(Options(guidance: guidance)));
        Assert.Contains("--guidance", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Sampler_defaults_to_ddim_takes_the_runtimes_names_and_the_baseline_may_be_left_out()
    {
        Assert.Equal("ddim", SweepSettings.From(Options()).Sampler);
        Assert.Equal("b", SweepSettings.From(Options()).BaselineModel);
        SweepSettings alone = SweepSettings.From(new SweepOptions
        {
            Kaleido = "k", Features = _features, Real = _manifest, Out = "out", Sampler = "dpm++2m",
        });
        Assert.Equal("dpm++2m", alone.Sampler);
        Assert.Null(alone.BaselineModel);

        var e = Assert.Throws<ToolInputException>(() => SweepSettings.From(new SweepOptions
        {
            Kaleido = "k", Features = _features, Real = _manifest, Out = "out", Sampler = "euler",
        }));
        Assert.Contains("--sampler", e.Message);
        Assert.Contains("'euler'", e.Message);
        Assert.Contains("unipc", e.Message);
    }

    [Theory]
    [InlineData(0, 4, 50, "--captions")]
    [InlineData(8, 0, 50, "--samples-per-caption")]
    [InlineData(8, 4, 0, "--steps")]
    [InlineData(3, 1, 50, "needs at least 4")]
    public void OutOfRangeCounts_NameTheOption(int captions, int samples, int steps, string expected)
    {
        var e = Assert.Throws<ToolInputException>(() => SweepSettings.From(Options(captions, samples, steps: steps)));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000)]
    public void A_thread_count_past_the_machines_cpus_names_the_option(int threads)
    {
        var e = Assert.Throws<ToolInputException>(() => SweepSettings.From(new SweepOptions
        {
            Kaleido = "k", Features = _features, Real = _manifest, Out = "out", Threads = threads,
        }));
        Assert.Contains($"--threads takes a whole number in 0..{Environment.ProcessorCount}; got {threads}.", e.Message);
    }

    [Fact]
    public void MissingFiles_NameTheOptionAndPath()
    {
        string missing = Path.Combine(_folder, "nope.onnx");
        var e = Assert.Throws<ToolInputException>(() => SweepSettings.From(Options(features: missing)));
        Assert.Contains("--features", e.Message);
        Assert.Contains(missing, e.Message);
        e = Assert.Throws<ToolInputException>(() => SweepSettings.From(Options(real: missing)));
        Assert.Contains("--real", e.Message);
    }

    [Fact]
    public void Cli_BadGuidance_ReturnsBadInputWithoutRunning()
    {
        int code = Program.Main(["sweep", "--kaleido", "k", "--baseline", "b", "--features", _features, "--real", _manifest, "--out", "o", "--guidance", "1,oops"]);
        Assert.Equal(ExitCodes.BadInput, code);
    }

    [Fact]
    public void MissingModelFolder_IsAUserErrorNamingIt()
    {
        string data = Path.Combine(_folder, "data");
        DatasetGenerator.Generate(new DatasetSettings(10, Seed: 3, CodebookSize: 8), data);
        string missing = Path.Combine(_folder, "no-model");
        var settings = new SweepSettings
        {
            KaleidoModel = missing,
            BaselineModel = missing,
            FeaturesPath = Path.Combine(RepositoryRoot.Find(), "models", "evaluation", "features.onnx"),
            RealManifest = Path.Combine(data, DatasetGenerator.ManifestFileName(LatentKind.Combined)),
            OutputDirectory = Path.Combine(_folder, "out"),
            Captions = 1,
            SamplesPerCaption = 4,
            RealCount = 10,
        };
        var e = Assert.Throws<ToolInputException>(() => SweepRunner.Run(settings));
        Assert.Contains(missing, e.Message);
    }
}

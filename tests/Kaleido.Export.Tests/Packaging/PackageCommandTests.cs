using Kaleido.Export.Packaging;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;

namespace Kaleido.Export.Tests.Packaging;

/// <summary>`kaleido-export package` through Program.Main: packages that load, manifests that fit the models, user errors.</summary>
public sealed class PackageCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-package-cmd-").FullName;
    string Tokenizer => Path.Combine(_dir, "tokenizer");
    string Out => Path.Combine(_dir, "package");

    public PackageCommandTests() => FixtureTokenizer.Write(Tokenizer);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Random_tiny_kaleido_package_loads_and_its_manifest_fits_the_model()
    {
        Assert.Equal(0, Program.Main(["package", "--config", "tiny", "--kind", "kaleido", "--latent-kind", "bbox",
            "--tokenizer", Tokenizer, "--random-seed", "3", "--out", Out]));

        PackageManifest m = ModelPackage.Load(Out).Manifest;
        Assert.Equal("tiny-bbox", m.ModelId);
        Assert.Equal("bbox", m.LatentKind);
        Assert.Equal([16, 8], m.Resolutions);
        Assert.Equal(new ScheduleSpec("squaredcos", 1), m.Schedule);
        Assert.Equal(new SpecialTokens(0, 1, 2, 3), m.Tokens);
        // Tiny preset: 48 caption tokens, decoder context 64 = start + 62 latents + eos, d_model 32, 260 byte-level ids.
        Assert.Equal(new ConditioningSpec(MaxCaptionTokens: 48, MaxLatentTokens: 62, Length: 48 + 62 + 1, Width: 32), m.Conditioning);
        Assert.Equal(new PriorSpec(VocabSize: 256 + 4, DecoderLayers: 2, Heads: 2, HeadSize: 16, ContextLength: 64, CodebookSize: 0), m.Prior);
        Assert.Equal(
            ["encoder.onnx", "decoder.onnx", "genai_config.json", "denoiser.onnx", TokenizerDescriptor.FileName, TokenizerDescriptor.DefaultRankFileName],
            m.Files.Select(f => f.Path));
        Assert.Equal(
            [PackageFileRoles.Encoder, PackageFileRoles.Decoder, PackageFileRoles.GenAiConfig, PackageFileRoles.Denoiser, PackageFileRoles.Tokenizer, PackageFileRoles.Tokenizer],
            m.Files.Select(f => f.Role));
        Assert.Equal(260, KaleidoTokenizer.Load(Out).VocabSize);
    }

    [Fact]
    public void Baseline_package_has_the_encoder_but_no_decoder_and_overwrites_a_previous_package()
    {
        string[] args = ["package", "--config", "tiny", "--kind", "baseline", "--tokenizer", Tokenizer, "--random-seed", "4", "--out", Out];
        Assert.Equal(0, Program.Main(args));
        Assert.Equal(0, Program.Main(args)); // a folder holding a package is replaced

        PackageManifest m = ModelPackage.Load(Out).Manifest;
        Assert.Equal(ModelKind.Baseline, m.Kind);
        Assert.Null(m.LatentKind);
        Assert.Null(m.Prior);
        Assert.Equal(new ConditioningSpec(48, 0, 48, 32), m.Conditioning);
        Assert.Contains(m.Files, f => f.Role == PackageFileRoles.Encoder);
        Assert.DoesNotContain(m.Files, f => f.Role is PackageFileRoles.Decoder or PackageFileRoles.GenAiConfig);
        Assert.False(File.Exists(Path.Combine(Out, "decoder.onnx")));
    }

    [Fact]
    public void Checkpoint_package_equals_the_package_of_the_same_weights()
    {
        var descriptor = TokenizerDescriptor.Read(Tokenizer);
        ModelDefinition definition = ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, "text", descriptor);
        string checkpoint = Path.Combine(_dir, "checkpoint");
        using (ModelWeights weights = ModelWeights.Random(definition, seed: 8))
        {
            ModelCheckpoint.Save(weights, checkpoint);
            ModelPackageExporter.Write(weights, Tokenizer, Path.Combine(_dir, "direct"), "m");
        }
        Assert.Equal(0, Program.Main(["package", "--checkpoint", checkpoint, "--tokenizer", Tokenizer, "--out", Out, "--model-id", "m"]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "direct", ModelPackage.ManifestFileName)),
            File.ReadAllBytes(Path.Combine(Out, ModelPackage.ManifestFileName)));
    }

    [Fact]
    public void Checkpoint_whose_vocabulary_differs_from_the_tokenizer_is_refused()
    {
        var other = TokenizerDescriptor.Create(KaleidoSpecialTokens.MinimumVocabSize(16), codebookSize: 16);
        string checkpoint = Path.Combine(_dir, "checkpoint");
        using (ModelWeights weights = ModelWeights.Random(ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, "text", other), seed: 1))
            ModelCheckpoint.Save(weights, checkpoint);

        var e = Assert.Throws<ExportInputException>(() =>
            PackageCommand.Run(CommandOptions.Parse("package", ["--checkpoint", checkpoint, "--tokenizer", Tokenizer, "--out", Out])));
        Assert.Contains("276 ids", e.Message);
        Assert.Contains("vocabSize 260", e.Message);
    }

    [Fact]
    public void Denoiser_width_that_differs_from_the_prior_is_refused()
    {
        var descriptor = TokenizerDescriptor.Read(Tokenizer);
        ModelDefinition d = ModelPresets.Create(ModelPresets.Tiny, ModelKind.Kaleido, "text", descriptor);
        d = d with { Denoiser = d.Denoiser with { Conditioning = d.Denoiser.Conditioning with { LmWidth = 12 } } };
        var e = Assert.Throws<ExportInputException>(() => d.Validate(descriptor, Tokenizer));
        Assert.Contains("conditioning width is 12", e.Message);
        Assert.Contains("d_model is 32", e.Message);
    }

    [Theory]
    [InlineData("--config tiny --kind kaleido --tokenizer T --random-seed 1 --out O", "--latent-kind")]
    [InlineData("--config tiny --kind baseline --latent-kind text --tokenizer T --random-seed 1 --out O", "drop --latent-kind")]
    [InlineData("--config huge --kind baseline --tokenizer T --random-seed 1 --out O", "'huge'")]
    [InlineData("--config tiny --kind baseline --tokenizer T --out O", "exactly one of --random-seed")]
    [InlineData("--config tiny --kind baseline --tokenizer T --random-seed -1 --out O", "non-negative integer")]
    [InlineData("--config tiny --kind baseline --tokenizer T --random-seed 1 --out O --colour red", "unknown option --colour")]
    [InlineData("--config tiny --kind baseline --tokenizer T --random-seed 1", "--out is required")]
    [InlineData("--config tiny --kind baseline --tokenizer T --random-seed 1 --out", "--out needs a value")]
    public void Option_mistakes_are_user_errors_that_name_the_option(string line, string expected)
    {
        string[] args = line.Replace(" T ", $" {Tokenizer} ").Replace(" O", $" {Out}").Split(' ');
        var e = Assert.Throws<ExportInputException>(() => PackageCommand.Run(CommandOptions.Parse("package", args)));
        Assert.Contains(expected, e.Message);
        Assert.Equal(2, Program.Main(["package", .. args]));
    }

    [Fact]
    public void Unknown_command_and_missing_tokenizer_exit_with_code_2()
    {
        Assert.Equal(2, Program.Main(["bake"]));
        Assert.Equal(2, Program.Main(["package", "--config", "tiny", "--kind", "baseline", "--tokenizer", Path.Combine(_dir, "none"),
            "--random-seed", "1", "--out", Out]));
        Assert.Equal(0, Program.Main(["--help"]));
    }
}

using Kaleido.Runtime.Package;

namespace Kaleido.Runtime.Tests.Package;

/// <summary>The prior section a Kaleido package's manifest must carry, and its checks against the conditioning.</summary>
public sealed class KaleidoManifestTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static PackageManifest KaleidoManifest(PriorSpec? prior) => new()
    {
        Format = PackageManifest.FormatName,
        Version = PackageManifest.CurrentVersion,
        ModelId = "test-kaleido",
        Kind = ModelKind.Kaleido,
        LatentKind = "text",
        Resolutions = [16, 8],
        Schedule = new ScheduleSpec("squaredcos", 1),
        Conditioning = new ConditioningSpec(MaxCaptionTokens: 10, MaxLatentTokens: 6, Length: 17, Width: 32),
        Tokens = new SpecialTokens(Pad: 0, Eos: 1, DecoderStart: 2, Unk: 3),
        Prior = prior,
        Files = [],
    };

    static readonly PriorSpec GoodPrior = new(VocabSize: 300, DecoderLayers: 2, Heads: 2, HeadSize: 16, ContextLength: 8, CodebookSize: 0);

    PackageManifest Write(PriorSpec? prior)
    {
        foreach (string name in new[] { "encoder.onnx", "decoder.onnx", "genai_config.json", "denoiser.onnx" })
            File.WriteAllText(Path.Combine(_dir, name), name);
        return PackageWriter.Write(_dir, KaleidoManifest(prior),
        [
            ("encoder.onnx", PackageFileRoles.Encoder), ("decoder.onnx", PackageFileRoles.Decoder),
            ("genai_config.json", PackageFileRoles.GenAiConfig), ("denoiser.onnx", PackageFileRoles.Denoiser),
        ]);
    }

    [Fact]
    public void Prior_section_round_trips_through_the_package()
    {
        Write(GoodPrior);
        Assert.Equal(GoodPrior, ModelPackage.Load(_dir).Manifest.Prior);
    }

    [Fact]
    public void Kaleido_package_without_prior_section_is_refused()
    {
        var e = Assert.Throws<PackageException>(() => Write(null));
        Assert.Contains("'prior'", e.Message);
    }

    [Fact]
    public void Context_length_must_hold_start_latents_and_eos()
    {
        var e = Assert.Throws<PackageException>(() => Write(GoodPrior with { ContextLength = 7 }));
        Assert.Contains("contextLength is 7", e.Message);
        Assert.Contains("= 8", e.Message);
    }

    [Fact]
    public void Special_ids_must_fit_the_vocabulary()
    {
        var e = Assert.Throws<PackageException>(() => Write(GoodPrior with { VocabSize = 3 }));
        Assert.Contains("vocabSize is 3", e.Message);
    }

    [Fact]
    public void Nonpositive_layer_counts_are_refused()
    {
        Assert.Contains("decoderLayers", Assert.Throws<PackageException>(() => Write(GoodPrior with { DecoderLayers = 0 })).Message);
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kaleido.Runtime.Package;

namespace Kaleido.Runtime.Tests.Package;

public sealed class ModelPackageTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("kaleido-package-").FullName;
    readonly byte[] _denoiserBytes = RandomNumberGenerator.GetBytes(4096);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static PackageManifest BaselineManifest() => new()
    {
        Format = PackageManifest.FormatName,
        Version = PackageManifest.CurrentVersion,
        ModelId = "test-baseline",
        Kind = ModelKind.Baseline,
        Resolutions = [32, 8],
        Schedule = new ScheduleSpec("squaredcos", 1),
        Conditioning = new ConditioningSpec(MaxCaptionTokens: 16, MaxLatentTokens: 0, Length: 16, Width: 32),
        Tokens = new SpecialTokens(Pad: 0, Eos: 1, DecoderStart: 2, Unk: 3),
        Files = [],
    };

    PackageManifest WriteValidPackage()
    {
        File.WriteAllBytes(Path.Combine(_dir, "denoiser.onnx"), _denoiserBytes);
        Directory.CreateDirectory(Path.Combine(_dir, "tokenizer"));
        File.WriteAllText(Path.Combine(_dir, "tokenizer", "vocab.json"), "{\"a\": 0}");
        return PackageWriter.Write(_dir, BaselineManifest(),
            [("denoiser.onnx", PackageFileRoles.Denoiser), ("tokenizer/vocab.json", PackageFileRoles.Tokenizer)]);
    }

    [Fact]
    public void Written_package_loads_and_records_true_sizes_and_hashes()
    {
        PackageManifest written = WriteValidPackage();
        ModelPackage package = ModelPackage.Load(_dir);

        // Records compare collections by reference: compare those element-wise, the rest as records.
        Assert.Equal(written.Resolutions, package.Manifest.Resolutions);
        Assert.Equal(written.Files, package.Manifest.Files);
        Assert.Equal(written, package.Manifest with { Files = written.Files, Resolutions = written.Resolutions });
        PackageFile denoiser = package.Manifest.Files.Single(f => f.Role == PackageFileRoles.Denoiser);
        Assert.Equal(_denoiserBytes.Length, denoiser.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_denoiserBytes)), denoiser.Sha256);
        Assert.Equal(Path.Combine(_dir, "denoiser.onnx"), package.PathOf(PackageFileRoles.Denoiser));
    }

    [Fact]
    public void Tampered_file_is_named_with_its_hash()
    {
        WriteValidPackage();
        byte[] tampered = (byte[])_denoiserBytes.Clone();
        tampered[100] ^= 1;
        File.WriteAllBytes(Path.Combine(_dir, "denoiser.onnx"), tampered);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Load(_dir));
        Assert.Contains("denoiser.onnx", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Truncated_file_is_named_with_its_size()
    {
        WriteValidPackage();
        File.WriteAllBytes(Path.Combine(_dir, "denoiser.onnx"), _denoiserBytes[..1000]);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Load(_dir));
        Assert.Contains("denoiser.onnx", e.Message);
        Assert.Contains("1000 bytes", e.Message);
    }

    [Fact]
    public void Missing_file_and_missing_manifest_are_named()
    {
        WriteValidPackage();
        File.Delete(Path.Combine(_dir, "tokenizer", "vocab.json"));
        Assert.Contains("tokenizer/vocab.json", Assert.Throws<PackageException>(() => ModelPackage.Load(_dir)).Message);

        File.Delete(Path.Combine(_dir, ModelPackage.ManifestFileName));
        Assert.Contains(ModelPackage.ManifestFileName, Assert.Throws<PackageException>(() => ModelPackage.Load(_dir)).Message);
        Assert.Contains("does not exist", Assert.Throws<PackageException>(() => ModelPackage.Load(Path.Combine(_dir, "nope"))).Message);
    }

    [Theory]
    [InlineData("../outside.onnx")]
    [InlineData("tokenizer/../../outside.onnx")]
    [InlineData("/etc/passwd")]
    public void Manifest_paths_that_leave_the_folder_are_rejected(string path)
    {
        WriteValidPackage();
        EditManifest(m => m["files"]![0]!["path"] = path);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Load(_dir));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Symbolic_link_inside_the_folder_is_rejected()
    {
        WriteValidPackage();
        string outside = Path.Combine(Path.GetTempPath(), $"kaleido-outside-{Guid.NewGuid():N}");
        File.WriteAllBytes(outside, _denoiserBytes);
        try
        {
            File.Delete(Path.Combine(_dir, "denoiser.onnx"));
            File.CreateSymbolicLink(Path.Combine(_dir, "denoiser.onnx"), outside);
            Assert.Contains("symbolic link", Assert.Throws<PackageException>(() => ModelPackage.Load(_dir)).Message);
        }
        finally { File.Delete(outside); }
    }

    [Theory]
    [InlineData("version", 2, "version is 2")]
    [InlineData("format", "something-else", "format is 'something-else'")]
    [InlineData("kind", "neither", "kaleido.json")]
    public void Wrong_header_values_are_named(string field, object value, string expected)
    {
        WriteValidPackage();
        EditManifest(m => m[field] = JsonValue.Create(value));
        Assert.Contains(expected, Assert.Throws<PackageException>(() => ModelPackage.Load(_dir)).Message);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        WriteValidPackage();
        File.WriteAllText(Path.Combine(_dir, ModelPackage.ManifestFileName), "{\n  \"format\": \"kaleido-package\",\n  oops\n}");
        var e = Assert.Throws<PackageException>(() => ModelPackage.Load(_dir));
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Missing_required_field_is_an_error_not_a_null()
    {
        WriteValidPackage();
        EditManifest(m => m.Remove("modelId"));
        Assert.Contains("modelId", Assert.Throws<PackageException>(() => ModelPackage.Load(_dir)).Message);
    }

    [Fact]
    public void Equal_special_token_ids_are_rejected()
    {
        WriteValidPackage();
        EditManifest(m => m["tokens"]!["decoderStart"] = 0);
        Assert.Contains("decoderStart", Assert.Throws<PackageException>(() => ModelPackage.Load(_dir)).Message);
    }

    void EditManifest(Action<JsonObject> edit)
    {
        string path = Path.Combine(_dir, ModelPackage.ManifestFileName);
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Kaleido.Runtime.Package;

namespace Kaleido.Cli.Tests;

public sealed class InfoCommandTests : IDisposable
{
    readonly string _workDir = Directory.CreateTempSubdirectory("kaleido-cli-").FullName;
    readonly byte[] _denoiser = RandomNumberGenerator.GetBytes(3000);
    readonly byte[] _encoder = RandomNumberGenerator.GetBytes(1500);

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    string PackageDir => Path.Combine(_workDir, "models", "kaleido-shapes");

    /// <summary>A small kaleido package at the default location, written as the exporter would.</summary>
    PackageManifest WritePackage()
    {
        Directory.CreateDirectory(Path.Combine(PackageDir, "prior"));
        File.WriteAllBytes(Path.Combine(PackageDir, "denoiser.onnx"), _denoiser);
        File.WriteAllBytes(Path.Combine(PackageDir, "prior", "encoder.onnx"), _encoder);
        File.WriteAllText(Path.Combine(PackageDir, "prior", "decoder.onnx"), "decoder");
        File.WriteAllText(Path.Combine(PackageDir, "prior", "genai_config.json"), "{}");
        var manifest = new PackageManifest
        {
            Format = PackageManifest.FormatName,
            Version = PackageManifest.CurrentVersion,
            ModelId = "shapes-test",
            Kind = ModelKind.Kaleido,
            LatentKind = "bbox",
            Resolutions = [64, 16],
            Schedule = new ScheduleSpec("squaredcos", 1.5),
            Conditioning = new ConditioningSpec(MaxCaptionTokens: 24, MaxLatentTokens: 40, Length: 65, Width: 48),
            Tokens = new SpecialTokens(Pad: 0, Eos: 1, DecoderStart: 5, Unk: 2),
            Prior = new PriorSpec(VocabSize: 300, DecoderLayers: 2, Heads: 2, HeadSize: 16, ContextLength: 42, CodebookSize: 0),
            Files = [],
        };
        return PackageWriter.Write(PackageDir, manifest,
        [
            ("denoiser.onnx", PackageFileRoles.Denoiser),
            ("prior/encoder.onnx", PackageFileRoles.Encoder),
            ("prior/decoder.onnx", PackageFileRoles.Decoder),
            ("prior/genai_config.json", PackageFileRoles.GenAiConfig),
        ]);
    }

    [Fact]
    public void Text_output_describes_the_default_package_and_says_it_was_verified()
    {
        PackageManifest written = WritePackage();

        var result = CliRunner.RunIn(_workDir, "info");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        string[] lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Dictionary<string, string> fields = lines
            .Where(l => !l.StartsWith(' '))
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1].Trim());
        Assert.Equal(PackageDir, fields["Package"]);
        Assert.Equal("shapes-test", fields["Model id"]);
        Assert.Equal("kaleido", fields["Kind"]);
        Assert.Equal("bbox", fields["Latent kind"]);
        Assert.Equal("64, 16 (image 64x64)", fields["Resolutions"]);
        Assert.Equal("squaredcos, shift power 1.5", fields["Schedule"]);
        Assert.Equal("65 tokens = 24 caption + 1 start + 40 latent, width 48", fields["Conditioning"]);
        Assert.Equal("pad 0, eos 1, decoder start 5, unk 2", fields["Special ids"]);
        long total = _denoiser.Length + _encoder.Length + "decoder".Length + "{}".Length;
        Assert.StartsWith($"4, {total} bytes", fields["Files"]);
        Assert.StartsWith("yes", fields["Verified"]);

        // One indented line per file: path, role, exact size, full SHA-256.
        string[] fileLines = lines.Where(l => l.StartsWith("  ")).ToArray();
        Assert.Equal(written.Files.Count, fileLines.Length);
        foreach (PackageFile file in written.Files)
        {
            string[] parts = fileLines.Single(l => l.TrimStart().StartsWith(file.Path + " "))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([file.Path, file.Role, file.Size.ToString(), "bytes", "sha256", file.Sha256], parts);
        }
        string denoiserHash = Convert.ToHexStringLower(SHA256.HashData(_denoiser));
        Assert.Contains(denoiserHash, result.Out);
    }

    [Fact]
    public void Json_output_is_one_object_with_the_manifest_values()
    {
        WritePackage();

        var result = CliRunner.RunIn(_workDir, "info", "--json", "--model", "models/kaleido-shapes");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(result.Out);
        JsonElement root = document.RootElement;
        Assert.Equal(PackageDir, root.GetProperty("package").GetString());
        Assert.Equal("shapes-test", root.GetProperty("modelId").GetString());
        Assert.Equal("kaleido", root.GetProperty("kind").GetString());
        Assert.Equal("bbox", root.GetProperty("latentKind").GetString());
        Assert.Equal([64, 16], root.GetProperty("resolutions").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("squaredcos", root.GetProperty("schedule").GetProperty("name").GetString());
        Assert.Equal(1.5, root.GetProperty("schedule").GetProperty("shiftPower").GetDouble());
        JsonElement c = root.GetProperty("conditioning");
        Assert.Equal((24, 40, 65, 48), (c.GetProperty("maxCaptionTokens").GetInt32(), c.GetProperty("maxLatentTokens").GetInt32(),
            c.GetProperty("length").GetInt32(), c.GetProperty("width").GetInt32()));
        JsonElement t = root.GetProperty("tokens");
        Assert.Equal((0, 1, 5, 2), (t.GetProperty("pad").GetInt32(), t.GetProperty("eos").GetInt32(),
            t.GetProperty("decoderStart").GetInt32(), t.GetProperty("unk").GetInt32()));
        JsonElement denoiser = root.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("role").GetString() == "denoiser");
        Assert.Equal("denoiser.onnx", denoiser.GetProperty("path").GetString());
        Assert.Equal(_denoiser.Length, denoiser.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_denoiser)), denoiser.GetProperty("sha256").GetString());
        Assert.Equal(4, root.GetProperty("files").GetArrayLength());
        Assert.True(root.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public void Quiet_prints_nothing_but_still_verifies()
    {
        WritePackage();
        Assert.Equal(new CliRunner.Result(ExitCodes.Ok, "", ""), CliRunner.RunIn(_workDir, "info", "--quiet"));

        File.AppendAllText(Path.Combine(PackageDir, "prior", "genai_config.json"), " ");
        var damaged = CliRunner.RunIn(_workDir, "info", "-q");
        Assert.Equal(ExitCodes.BadPackage, damaged.ExitCode);
        Assert.Contains("prior/genai_config.json", damaged.Error);
    }

    [Fact]
    public void Tampered_file_exits_3_naming_the_file_without_a_stack_trace()
    {
        WritePackage();
        byte[] tampered = (byte[])_encoder.Clone();
        tampered[700] ^= 0x40;
        File.WriteAllBytes(Path.Combine(PackageDir, "prior", "encoder.onnx"), tampered);

        var result = CliRunner.RunIn(_workDir, "info", "--json");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("kaleido: error: Package file 'prior/encoder.onnx'", result.Error);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(tampered)), result.Error);
        Assert.Equal(1, result.Error.Count(ch => ch == '\n'));
        Assert.False(CliRunner.HasStackTrace(result.Error));
    }

    [Fact]
    public void Missing_default_folder_says_where_it_looked_and_how_to_pass_model()
    {
        var result = CliRunner.RunIn(_workDir, "info");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains($"'{PackageDir}'", result.Error);
        Assert.Contains("pass --model DIR", result.Error);
        Assert.False(CliRunner.HasStackTrace(result.Error));
    }

    [Fact]
    public void Missing_model_folder_names_the_folder_and_the_option_value()
    {
        var result = CliRunner.RunIn(_workDir, "info", "--model", "elsewhere");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Equal($"kaleido: error: Model package folder '{Path.Combine(_workDir, "elsewhere")}' (from --model elsewhere) does not exist.{Environment.NewLine}",
            result.Error);
    }

    [Fact]
    public void Folder_without_manifest_exits_3_naming_the_manifest()
    {
        Directory.CreateDirectory(PackageDir);
        var result = CliRunner.RunIn(_workDir, "info");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Contains(Path.Combine(PackageDir, "kaleido.json"), result.Error);
    }
}

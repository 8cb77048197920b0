using Kaleido.Runtime.Package;

namespace Kaleido.Cli.Tests;

/// <summary>Each way a model-running verb fails: its exit code, one "kaleido: error:" line naming the problem, no stack trace.</summary>
public sealed class FailureTests
{
    const string Prompt = "a red circle";

    static void AssertUserError(CliRunner.Result result, int code, params string[] parts)
    {
        Assert.Equal(code, result.ExitCode);
        Assert.Equal("", result.Out);
        string line = Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith("kaleido: error: ", line);
        foreach (string part in parts)
            Assert.Contains(part, line);
        Assert.False(CliRunner.HasStackTrace(result.Error));
    }

    [Fact]
    public void A_tampered_package_exits_3_naming_the_file()
    {
        using var folder = new TempFolder();
        string package = folder["pkg"];
        Directory.CreateDirectory(package);
        foreach (string file in Directory.GetFiles(Fixtures.TinyKaleido))
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        byte[] denoiser = File.ReadAllBytes(Path.Combine(package, "denoiser.onnx"));
        denoiser[denoiser.Length / 2] ^= 0x01;
        File.WriteAllBytes(Path.Combine(package, "denoiser.onnx"), denoiser);

        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", package, "--steps", "2");

        AssertUserError(result, ExitCodes.BadPackage, "denoiser.onnx", "SHA-256");
        Assert.False(Directory.Exists(folder["out"])); // made only when its first file is written
    }

    [Fact]
    public void A_missing_package_folder_exits_3()
    {
        using var folder = new TempFolder();
        AssertUserError(CliRunner.RunIn(folder.Path, "generate", Prompt), ExitCodes.BadPackage, "models/kaleido-shapes", "--model DIR");
    }

    [Fact]
    public void Malformed_latents_text_exits_2_naming_the_file_and_position()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["bad.latents.json"],
            """{"format": "kaleido-latents", "version": 1, "prompt": "p", "kind": "text", "text": "a red (circle", "seed": 1}""");

        var result = CliRunner.RunIn(folder.Path, "render", "bad.latents.json", "--model", Fixtures.TinyKaleido);

        AssertUserError(result, ExitCodes.BadInput, folder["bad.latents.json"], "text latents, position 6");
        Assert.False(Directory.Exists(folder["out"])); // checked before the output folder is made
    }

    [Fact]
    public void Latents_json_that_is_not_json_exits_2()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["bad.json"], "{\"format\": ");
        AssertUserError(CliRunner.RunIn(folder.Path, "render", "bad.json", "--model", Fixtures.TinyKaleido),
            ExitCodes.BadInput, folder["bad.json"]);
    }

    [Fact]
    public void Asking_for_cuda_without_its_provider_exits_5()
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.TinyKaleido, "--device", "cuda");
        // The tests build against the CPU flavour of ONNX Runtime, which has no CUDA provider.
        AssertUserError(result, ExitCodes.DeviceUnavailable, "cuda", "--device cpu");
    }

    [Fact]
    public void An_over_long_prompt_exits_2_naming_the_limit_and_truncate_makes_it_fit()
    {
        using var folder = new TempFolder();
        string prompt = string.Join(' ', Enumerable.Repeat("circle", 100));
        var result = CliRunner.RunIn(folder.Path, "generate", prompt, "--model", Fixtures.TinyKaleido, "--steps", "2");

        AssertUserError(result, ExitCodes.BadInput, "PROMPT: ", "limit of 48 tokens", "--truncate");
        Assert.False(Directory.Exists(folder["out"])); // made only when its first file is written
        Assert.Equal(ExitCodes.Ok,
            CliRunner.RunIn(folder.Path, "generate", prompt, "--model", Fixtures.TinyKaleido, "--steps", "2", "--truncate", "-q").ExitCode);
    }

    [Fact]
    public void An_existing_file_at_out_exits_6()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["taken"], "keep me");
        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.TinyKaleido, "--out", "taken");

        AssertUserError(result, ExitCodes.OutputNotWritable, folder["taken"], "existing file");
        Assert.Equal("keep me", File.ReadAllText(folder["taken"]));
    }

    [Fact]
    public void An_out_folder_under_proc_exits_6()
    {
        using var folder = new TempFolder();
        // /proc refuses new entries even to root, so this holds in CI too.
        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.TinyKaleido, "--out", "/proc/kaleido-out");
        AssertUserError(result, ExitCodes.OutputNotWritable, "/proc/kaleido-out");
    }

    [Theory]
    [InlineData(new[] { "generate" }, "No prompt given; expected PROMPT or --prompts FILE.")]
    [InlineData(new[] { "generate", "a", "b" }, "unexpected argument 'b'")]
    [InlineData(new[] { "generate", "a", "--steps", "0" }, "--steps is 0; expected an integer from 1 to 1000.")]
    [InlineData(new[] { "generate", "a", "--sampler", "euler" }, "--sampler is 'euler'")]
    [InlineData(new[] { "generate", "a", "--device", "tpu" }, "Device 'tpu' is not known")]
    [InlineData(new[] { "generate", "a", "--threads", "-1" }, "--threads is -1")]
    [InlineData(new[] { "generate", "a", "--threads", "100000" }, "--threads is 100000; expected 0 (by the idle CPUs) to ")]
    [InlineData(new[] { "generate", "a", "--attempts", "0" }, "--attempts is 0; expected an integer >= 1.")]
    [InlineData(new[] { "latents", "a", "--max-latent-tokens", "0" }, "--max-latent-tokens is 0; expected an integer >= 1")]
    [InlineData(new[] { "render" }, "No file given; expected LATENTS.json, IMAGE.png, a folder of *.latents.json or a .jsonl")]
    [InlineData(new[] { "render", "missing.latents.json" }, "Cannot read latents file")]
    public void Bad_arguments_exit_2_before_any_model_work(string[] args, string message)
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(CliRunner.HasStackTrace(result.Error));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path)); // not even the output folder
    }

    [Fact]
    public void Latents_that_never_parse_exit_4_after_every_attempt_and_write_nothing()
    {
        // The shipped model samples combined latents; three tokens end every draw inside its text section.
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.ShippedKaleido, "--steps", "2",
            "--max-latent-tokens", "3", "--attempts", "2", "--count", "2");

        AssertUserError(result, ExitCodes.InvalidLatents, "no valid combined latents for image 0 in 2 attempts",
            "cut at the 3-token limit before eos", "expected ' | ' after the text section");
        Assert.Empty(Directory.Exists(folder["out"]) ? Directory.GetFileSystemEntries(folder["out"]) : []);
    }

    [Fact]
    public void A_latent_limit_above_the_models_exits_2_naming_it()
    {
        using var folder = new TempFolder();
        int limit = ModelPackage.Load(Fixtures.ShippedKaleido).Manifest.Conditioning.MaxLatentTokens;

        var result = CliRunner.RunIn(folder.Path, "latents", Prompt, "--model", Fixtures.ShippedKaleido, "--max-latent-tokens", $"{limit + 1}");

        AssertUserError(result, ExitCodes.BadInput, $"--max-latent-tokens is {limit + 1}", $"1 to {limit} latent tokens");
    }

    [Fact]
    public void Error_types_map_to_their_documented_codes()
    {
        var context = new CommandContext(TextWriter.Null, TextWriter.Null, "/", Debug: false);
        Assert.Equal(ExitCodes.InvalidLatents, ErrorReporter.Report(new Runtime.Prior.LatentSamplingException("no valid latents", 0, 4, null), context));
        Assert.Equal(ExitCodes.DeviceUnavailable, ErrorReporter.Report(new Runtime.Sessions.DeviceUnavailableException("no cuda"), context));
        Assert.Equal(ExitCodes.OutputNotWritable, ErrorReporter.Report(new Output.OutputFolderException("no out"), context));
        Assert.Equal(ExitCodes.BadPackage, ErrorReporter.Report(new PackageException("bad"), context));
    }
}

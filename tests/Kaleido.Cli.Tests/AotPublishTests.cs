using System.Diagnostics;

namespace Kaleido.Cli.Tests;

/// <summary>
/// Makes the linux-x64 and linux-arm64 releases once with tools/release.sh (two Native AOT publishes, about a minute
/// each, plus the model, the licence notices and the .tar.xz; docs/build.md) for <see cref="AotPublishTests"/> and
/// <see cref="Arm64ReleaseTests"/>.
/// </summary>
public sealed class AotBuild : IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("kaleido-release-").FullName;

    /// <summary>The linux-x64 release folder: the executable, its native libraries, models/ and licences/.</summary>
    public string Folder { get; }

    /// <summary>The linux-arm64 release folder, laid out the same way.</summary>
    public string Arm64Folder { get; }

    public string Executable => Path.Combine(Folder, "kaleido");

    /// <summary>What the release script printed (the sizes).</summary>
    public string Report { get; }

    public AotBuild()
    {
        var (code, output) = AotPublishTests.Start("bash",
            [Path.Combine(Fixtures.RepoRoot, "tools", "release.sh"), "--out", _out, "linux-x64", "linux-arm64"],
            Fixtures.RepoRoot, TimeSpan.FromMinutes(15));
        if (code != 0)
            throw new InvalidOperationException($"tools/release.sh failed ({code}):\n{output}");
        Report = output;
        Folder = Assert.Single(Directory.GetDirectories(_out, "kaleido-*-linux-x64"));
        Arm64Folder = Assert.Single(Directory.GetDirectories(_out, "kaleido-*-linux-arm64"));
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}

/// <summary>Both release classes share one build: it takes two minutes.</summary>
[CollectionDefinition(Name)]
public sealed class ReleaseCollection : ICollectionFixture<AotBuild>
{
    public const string Name = "release builds";
}

/// <summary>
/// The Native AOT executable makes the same bytes as the JIT build (PNG, latents, manifest, contact sheet), renders a
/// PNG it made back to the same image, and reports bad input with the documented exit codes.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class AotPublishTests(AotBuild aot)
{
    static readonly string[] Generate = ["generate", "a red circle", "--model", Fixtures.TinyKaleido, "--count", "3", "--seed", "3", "--steps", "5"];

    [Fact]
    public void The_folder_holds_the_executable_and_the_linux_libraries_only()
    {
        string[] files = OutputFolders.FileNames(aot.Folder);
        Assert.Equal(["kaleido", "libonnxruntime-genai.so", "libonnxruntime.so", "libonnxruntime_providers_shared.so"], files);
        // GenAI's library comes with its debug symbols (about 34 MB); the build strips it.
        Assert.True(new FileInfo(Path.Combine(aot.Folder, "libonnxruntime-genai.so")).Length < 20_000_000, "libonnxruntime-genai.so was not stripped.");
        Assert.Equal(["licences", "models"], Directory.GetDirectories(aot.Folder).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void The_release_reports_the_size_of_what_it_packed()
    {
        // The printed size is the executable and the libraries, summed here again from the folder.
        long expected = Directory.GetFiles(aot.Folder).Sum(f => new FileInfo(f).Length);
        Assert.Contains($"linux-x64: binary and libraries: {expected} bytes", aot.Report);
        string tarball = aot.Folder + ".tar.xz";
        Assert.Contains($"linux-x64: tar.xz: {new FileInfo(tarball).Length} bytes", aot.Report);

        // The tarball holds the folder: every file under it, by name.
        var (code, listing) = Start("tar", ["-tJf", tarball], Path.GetDirectoryName(tarball)!, TimeSpan.FromMinutes(2));
        Assert.Equal(0, code);
        string name = Path.GetFileName(aot.Folder);
        var packed = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith('/')).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(aot.Folder, "*", SearchOption.AllDirectories)
            .Select(f => name + "/" + Path.GetRelativePath(aot.Folder, f)).Order(StringComparer.Ordinal);
        Assert.Equal(files, packed);
    }

    [Fact]
    public void The_licence_notices_of_the_native_dependencies_travel_with_the_binary()
    {
        string licences = Path.Combine(aot.Folder, "licences");
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(licences, "onnxruntime-LICENSE.txt")));
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(licences, "onnxruntime-genai-LICENSE.txt")));
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(licences, "SixLabors.ImageSharp-LICENSE.txt")));
        foreach (string notices in new[] { "onnxruntime-ThirdPartyNotices.txt", "onnxruntime-genai-ThirdPartyNotices.txt", "dotnet-ThirdPartyNotices.txt" })
            Assert.True(new FileInfo(Path.Combine(licences, notices)).Length > 1000, notices);
    }

    [Fact]
    public void The_binary_finds_the_model_beside_it_from_any_folder()
    {
        // No --model and no KALEIDO_MODEL: models/kaleido-shapes beside the executable, the shipped package.
        using var elsewhere = new TempFolder();
        var (code, output) = Start(aot.Executable, ["info"], elsewhere.Path, TimeSpan.FromMinutes(1), withoutModelVariable: true);
        Assert.True(code == 0, output);
        Assert.Contains(Path.Combine(aot.Folder, "models", "kaleido-shapes"), output);
        // The same package as the repository's: info agrees on every line but the folder's.
        var shipped = CliRunner.RunIn(elsewhere.Path, ["info", "--model", Path.Combine(Fixtures.RepoRoot, "models", "kaleido-shapes")]);
        Assert.Equal(0, shipped.ExitCode);
        static string[] WithoutFolder(string text) => text.Split('\n').Where(l => !l.StartsWith("Package:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(WithoutFolder(shipped.Out), WithoutFolder(output));
    }

    [Fact]
    public void Generate_makes_the_same_bytes_as_the_jit_build_and_render_reads_them_back()
    {
        using var folder = new TempFolder();
        var (code, output) = Start(aot.Executable, [.. Generate, "--out", folder["aot"]], folder.Path, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        CliRunner.Result jit = CliRunner.RunIn(folder.Path, [.. Generate, "--out", folder["jit"]]);
        Assert.True(jit.ExitCode == 0, jit.Error);

        OutputFolders.AssertSame(folder["jit"], folder["aot"], "line-1-0002.png", "the AOT and the JIT build");

        // render IMAGE.png (decodes the PNG's text chunks) and info IMAGE.png through the AOT binary.
        (code, output) = Start(aot.Executable, ["render", folder["jit/line-1-0001.png"], "--model", Fixtures.TinyKaleido, "--out", folder["render"]],
            folder.Path, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        string rendered = Assert.Single(Directory.GetFiles(folder["render"], "*.png"), p => !p.EndsWith("contact-sheet.png", StringComparison.Ordinal));
        Assert.Equal(DecodePixels(folder["jit/line-1-0001.png"]), DecodePixels(rendered));
        (code, output) = Start(aot.Executable, ["info", folder["jit/line-1-0001.png"]], folder.Path, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        Assert.Contains("a red circle", output);
    }

    [Theory]
    [InlineData(3, "does not exist", "info", "--model", "/nonexistent/kaleido-package")]
    [InlineData(2, "'serve' is not in this build", "serve")]
    [InlineData(2, "Option 'steps'", "generate", "x", "--steps", "many")]
    public void Bad_input_gets_its_exit_code_and_one_clear_line(int expected, string message, params string[] args)
    {
        var (code, output) = Start(aot.Executable, args, Fixtures.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.Equal(expected, code);
        Assert.Contains(message, output);
        Assert.False(CliRunner.HasStackTrace(output), output);
    }

    internal static byte[] DecodePixels(string png)
    {
        using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(png);
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    /// <summary>Runs a process to its end (or kills it at <paramref name="limit"/>); stdout and stderr together.</summary>
    internal static (int Code, string Output) Start(string file, IReadOnlyList<string> args, string workingDirectory, TimeSpan limit,
        bool withoutModelVariable = false)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (withoutModelVariable)
            start.Environment.Remove(CommandContext.ModelVariable);
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"killed after {limit}: {stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

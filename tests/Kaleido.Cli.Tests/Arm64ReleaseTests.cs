using Xunit.Abstractions;

namespace Kaleido.Cli.Tests;

/// <summary>
/// The linux-arm64 release (Native AOT, cross-compiled by tools/release.sh) is an arm64 program that runs under
/// qemu-user (build/prereqs.sh installs it and the arm64 libssl and libstdc++ it loads) and draws the fixture's images
/// as the x64 build does: the same latents, and pixels within a bound that catches a broken build but not rounding
/// (bit-identical images are not promised across ISAs; docs/build.md reports the measured difference).
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class Arm64ReleaseTests(AotBuild release, ITestOutputHelper output)
{
    const string Qemu = "qemu-aarch64-static";
    const ushort ElfMachineAarch64 = 183;
    /// <summary>Largest allowed difference of one 8-bit channel value between the arm64 and the x64 image.</summary>
    const int PixelBound = 4;

    static readonly string[] Generate = ["generate", "a red circle", "--model", Fixtures.TinyKaleido, "--count", "3", "--seed", "3", "--steps", "5"];

    string Executable => Path.Combine(release.Arm64Folder, "kaleido");

    [Fact]
    public void The_folder_holds_arm64_programs_only()
    {
        string[] files = OutputFolders.FileNames(release.Arm64Folder);
        Assert.Equal(["kaleido", "libonnxruntime-genai.so", "libonnxruntime.so", "libonnxruntime_providers_shared.so"], files);
        foreach (string file in files)
            Assert.True(ElfMachine(Path.Combine(release.Arm64Folder, file)) == ElfMachineAarch64, $"{file} is not an AArch64 ELF file.");
        Assert.Equal(["licences", "models"], Directory.GetDirectories(release.Arm64Folder).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Under_qemu_it_draws_the_x64_builds_latents_and_images()
    {
        using var folder = new TempFolder();
        var (code, text) = AotPublishTests.Start(Qemu, [Executable, .. Generate, "--out", folder["arm64"]], folder.Path, TimeSpan.FromMinutes(4));
        Assert.True(code == 0, text);
        CliRunner.Result x64 = CliRunner.RunIn(folder.Path, [.. Generate, "--out", folder["x64"]]);
        Assert.True(x64.ExitCode == 0, x64.Error);

        string[] names = OutputFolders.AssertSame(folder["x64"], folder["arm64"], "line-1-0002.png", "the arm64 and the x64 build", sameBytes: false);
        int largest = 0, differing = 0, identicalFiles = 0;
        foreach (string name in names)
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(folder["x64"], name)), actual = File.ReadAllBytes(Path.Combine(folder["arm64"], name));
            if (expected.SequenceEqual(actual))
            {
                identicalFiles++;
                continue;
            }
            // The latents, the manifest and the sheet's text are discrete: they must match exactly. Images may round.
            Assert.True(name.EndsWith(".png", StringComparison.Ordinal), $"{name} differs between the arm64 and the x64 build.");
            byte[] x64Pixels = AotPublishTests.DecodePixels(Path.Combine(folder["x64"], name));
            byte[] arm64Pixels = AotPublishTests.DecodePixels(Path.Combine(folder["arm64"], name));
            Assert.Equal(x64Pixels.Length, arm64Pixels.Length);
            for (int i = 0; i < x64Pixels.Length; i++)
            {
                int difference = Math.Abs(x64Pixels[i] - arm64Pixels[i]);
                largest = Math.Max(largest, difference);
                differing += difference > 0 ? 1 : 0;
            }
        }
        output.WriteLine($"arm64 under qemu vs x64: {identicalFiles} of {names.Length} files byte-identical; " +
            $"largest channel difference {largest}/255; {differing} channel values differ.");
        Assert.True(largest <= PixelBound, $"A pixel channel differs by {largest} (bound {PixelBound}) between the arm64 and the x64 image.");
    }

    [Fact]
    public void Under_qemu_a_missing_model_gets_its_exit_code_and_one_clear_line()
    {
        var (code, text) = AotPublishTests.Start(Qemu, [Executable, "info", "--model", "/nonexistent/kaleido-package"], Fixtures.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.Equal(3, code);
        Assert.Contains("does not exist", text);
        Assert.False(CliRunner.HasStackTrace(text), text);
    }

    /// <summary>The e_machine field of an ELF header (little-endian, offset 18); 0 when the file is not ELF.</summary>
    static ushort ElfMachine(string path)
    {
        byte[] header = new byte[20];
        using (var stream = File.OpenRead(path))
            stream.ReadExactly(header);
        return header is [0x7f, (byte)'E', (byte)'L', (byte)'F', ..] ? BitConverter.ToUInt16(header, 18) : (ushort)0;
    }
}

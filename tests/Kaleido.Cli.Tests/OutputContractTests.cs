using System.Text.Json;
using Kaleido.Cli.Output;
using Kaleido.Runtime.Imaging;

namespace Kaleido.Cli.Tests;

/// <summary>
/// The output folder's contract (docs/cli.md, "Output folder"): the manifest, skip on rerun, conflicts (exit 7) and
/// --overwrite, the torn manifest line, no folder for a failed run, transient faults (exit 75) and permanent ones (exit 6).
/// </summary>
public sealed class OutputContractTests
{
    const string Prompt = "a red circle";
    const string Manifest = OutputManifest.FileName;
    static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A small generate run on the tiny fixture, unless <paramref name="extra"/> names its own --model.</summary>
    static string[] Generate(params string[] extra) =>
        ["generate", Prompt, .. extra.Contains("--model") ? [] : new[] { "--model", Fixtures.TinyKaleido }, "--steps", "2", "--seed", "1", .. extra];

    static CliRunner.Result Run(TempFolder folder, params string[] extra) => CliRunner.RunIn(folder.Path, Generate(extra));

    static string[] ManifestLines(TempFolder folder) => File.ReadAllLines(folder[$"out/{Manifest}"]);

    /// <summary>Every file of out/ with its bytes.</summary>
    static Dictionary<string, byte[]> Snapshot(TempFolder folder) =>
        Directory.GetFiles(folder["out"]).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);

    static void AssertOneErrorLine(CliRunner.Result result, int code, params string[] parts)
    {
        Assert.Equal(code, result.ExitCode);
        string line = Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith("kaleido: error: ", line);
        foreach (string part in parts) Assert.Contains(part, line);
        Assert.False(CliRunner.HasStackTrace(result.Error));
    }

    [Fact]
    public void The_manifest_lists_each_file_with_its_sha256_and_settings_hash()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "--count", "2", "-q").ExitCode);

        string[] lines = ManifestLines(folder);
        Assert.Equal(4, lines.Length);
        string[] expected = ["line-1-0000.latents.json", "line-1-0000.png", "line-1-0001.latents.json", "line-1-0001.png"];
        for (int i = 0; i < 4; i++)
        {
            using JsonDocument line = JsonDocument.Parse(lines[i]);
            JsonElement o = line.RootElement;
            Assert.Equal(expected[i], o.GetProperty("file").GetString());
            Assert.Equal(OutputFolder.HashOf(folder[$"out/{expected[i]}"]), o.GetProperty("sha256").GetString());
            // The settings hash is the SHA-256 of the settings object exactly as the line holds it.
            string settings = o.GetProperty("settings").GetRawText();
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings))),
                o.GetProperty("settingsSha256").GetString());
            Assert.Equal((Prompt, i / 2), (o.GetProperty("settings").GetProperty("prompt").GetString(), o.GetProperty("settings").GetProperty("index").GetInt32()));
        }
    }

    [Fact]
    public void A_rerun_skips_every_file_and_rewrites_nothing()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "--count", "2", "-q").ExitCode);
        var before = Snapshot(folder);
        foreach (string file in Directory.GetFiles(folder["out"])) File.SetLastWriteTimeUtc(file, LongAgo);

        var again = Run(folder, "--count", "2");

        Assert.Equal((ExitCodes.Ok, ""), (again.ExitCode, again.Error));
        Assert.Contains($"{folder["out/line-1-0000.png"]}  {OutputFolder.SkippedNote}", again.Out);
        Assert.Contains($"{folder["out/line-1-0001.png"]}  {OutputFolder.SkippedNote}", again.Out);
        Assert.Contains("Wrote 0 image(s) (2 skipped", again.Out);
        Assert.Equal(before, Snapshot(folder));
        Assert.All(Directory.GetFiles(folder["out"]), file => Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(file)));
    }

    [Fact]
    public void Other_settings_under_the_same_name_exit_7_and_overwrite_replaces_the_file()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);
        var before = Snapshot(folder);

        var conflict = Run(folder, "--cfg", "3");

        AssertOneErrorLine(conflict, ExitCodes.OutputConflict, folder["out/line-1-0000.latents.json"], "other settings",
            $"{Manifest} line 1", "guidance 7 there, 3 now", "--overwrite", "1 more file(s)");
        Assert.Equal(before, Snapshot(folder));

        var replaced = Run(folder, "--cfg", "3", "--overwrite", "-q");

        Assert.Equal(ExitCodes.Ok, replaced.ExitCode);
        Assert.Equal(3.0, PngMetadataReader.Read(folder["out/line-1-0000.png"]).Guidance);
        Assert.Equal(4, ManifestLines(folder).Length); // two new lines; the last one for a name counts
        // Now the same settings again: skipped, with or without --overwrite (it settles conflicts only).
        File.SetLastWriteTimeUtc(folder["out/line-1-0000.png"], LongAgo);
        Assert.Equal(ExitCodes.Ok, Run(folder, "--cfg", "3", "-q").ExitCode);
        Assert.Equal(ExitCodes.Ok, Run(folder, "--cfg", "3", "--overwrite", "-q").ExitCode);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(folder["out/line-1-0000.png"]));
        Assert.Equal(4, ManifestLines(folder).Length);
    }

    [Fact]
    public void A_listed_file_whose_bytes_changed_is_made_again_and_the_changed_one_kept_aside()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "--count", "2", "-q").ExitCode);
        var made = Snapshot(folder);
        byte[] damaged = made["line-1-0001.png"][..100]; // a torn copy, as a failing disk or a bad sync leaves
        File.WriteAllBytes(folder["out/line-1-0001.png"], damaged);
        string aside = $"line-1-0001.png.changed-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(damaged))[..8]}";

        var refused = Run(folder, "--count", "2", "--no-repair");

        AssertOneErrorLine(refused, ExitCodes.OutputNotWritable, folder["out/line-1-0001.png"], "has changed since kaleido wrote it",
            $"{Manifest} line", "--no-repair");
        Assert.Equal(damaged, File.ReadAllBytes(folder["out/line-1-0001.png"]));
        Assert.False(File.Exists(folder[$"out/{aside}"]));

        var repaired = Run(folder, "--count", "2");

        Assert.Equal(ExitCodes.Ok, repaired.ExitCode);
        Assert.Contains($"'{folder["out/line-1-0001.png"]}' had changed since kaleido wrote it", repaired.Error);
        Assert.Contains(aside, repaired.Error);
        var after = Snapshot(folder);
        Assert.Equal(made["line-1-0001.png"], after["line-1-0001.png"]); // the unit made again, byte for byte
        Assert.Equal(damaged, after[aside]);                             // and nothing lost
        Assert.Equal(made["line-1-0000.png"], after["line-1-0000.png"]);
        // The next rerun finds everything as listed: it skips, and keeps the copy it set aside.
        var again = Run(folder, "--count", "2");
        Assert.Equal((ExitCodes.Ok, ""), (again.ExitCode, again.Error));
        Assert.Contains("Wrote 0 image(s) (2 skipped", again.Out);
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_a_conflict_unless_overwrite()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["out"]);
        File.WriteAllText(folder["out/line-1-0000.png"], "someone else's file");

        var conflict = Run(folder);

        AssertOneErrorLine(conflict, ExitCodes.OutputConflict, folder["out/line-1-0000.png"], $"not listed in {Manifest}", "--overwrite");
        Assert.Equal("someone else's file", File.ReadAllText(folder["out/line-1-0000.png"]));
        Assert.Equal(ExitCodes.Ok, Run(folder, "--overwrite", "-q").ExitCode);
        Assert.Equal(Prompt, PngMetadataReader.Read(folder["out/line-1-0000.png"]).Prompt);
    }

    [Fact]
    public void An_unlisted_file_with_the_very_bytes_of_the_run_is_kept_and_listed()
    {
        // What a run killed between renaming a file and appending its manifest line leaves.
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);
        File.Delete(folder[$"out/{Manifest}"]);
        foreach (string file in Directory.GetFiles(folder["out"])) File.SetLastWriteTimeUtc(file, LongAgo);

        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);

        Assert.Equal(2, ManifestLines(folder).Length);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(folder["out/line-1-0000.png"]));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(folder["out/line-1-0000.latents.json"]));
    }

    [Fact]
    public void A_torn_last_manifest_line_is_ignored_and_cut_off()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);
        File.AppendAllText(folder[$"out/{Manifest}"], "{\"file\":\"line-1-00"); // killed mid-append

        var result = Run(folder, "--count", "2");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Assert.Contains($"{folder["out/line-1-0000.png"]}  {OutputFolder.SkippedNote}", result.Out);
        string[] lines = ManifestLines(folder);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.NotNull(ManifestEntry.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out _)));
    }

    [Fact]
    public void A_damaged_manifest_line_before_the_last_exits_6_naming_the_file_and_line()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);
        string[] lines = ManifestLines(folder);
        File.WriteAllLines(folder[$"out/{Manifest}"], ["not json", lines[1]]);

        var result = Run(folder, "--count", "2");

        AssertOneErrorLine(result, ExitCodes.OutputNotWritable, folder[$"out/{Manifest}"], "line 1 is not a manifest entry");
        Assert.False(File.Exists(folder["out/line-1-0001.png"]));
    }

    [Theory]
    [InlineData(ExitCodes.BadPackage, new[] { "--model", "no-such-package" })]
    [InlineData(ExitCodes.DeviceUnavailable, new[] { "--device", "cuda" })] // the tests' ONNX Runtime has no CUDA provider
    public void A_failed_run_leaves_no_output_folder(int code, string[] extra)
    {
        using var folder = new TempFolder();
        var result = Run(folder, ["--out", "a/b", .. extra]);

        Assert.Equal(code, result.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_full_disk_exits_75_leaving_no_partial_file_and_the_rerun_finishes()
    {
        using var folder = new TempFolder();
        var full = new FaultyFileSystem { FailWhen = path => path.EndsWith("0001.png", StringComparison.Ordinal), Fault = FaultyFileSystem.DiskFull };

        var result = CliRunner.RunWith(folder.Path, full, default, Generate("--count", "2", "-q"));

        AssertOneErrorLine(result, ExitCodes.TransientFailure, "disk is full", folder["out/line-1-0001.png"], "run the same command again");
        Assert.False(File.Exists(folder["out/line-1-0001.png"]));
        Assert.Empty(Directory.GetFiles(folder["out"], "*.tmp"));
        Assert.Equal(3, ManifestLines(folder).Length); // image 0 and the latents of image 1

        var resumed = Run(folder, "--count", "2");
        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        Assert.Contains(OutputFolder.SkippedNote, resumed.Out);
        Assert.True(File.Exists(folder["out/line-1-0001.png"]));
    }

    [Fact]
    public void A_real_enospc_is_recognised_as_a_full_disk()
    {
        // /dev/full answers every write with ENOSPC, which .NET reports as an IOException carrying the errno.
        var e = Assert.ThrowsAny<IOException>(() =>
        {
            using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            stream.Write(new byte[4096]);
            stream.Flush(flushToDisk: true);
        });
        Assert.True(OutputFaults.IsDiskFull(e), $"HResult {e.HResult}: {e.Message}");
        Assert.IsType<TransientFailureException>(OutputFaults.Classify(e, "x"));
    }

    public static TheoryData<string> ReadOnlyFaults => ["EACCES", "EROFS"];

    [Theory]
    [MemberData(nameof(ReadOnlyFaults))]
    public void A_read_only_folder_exits_6_before_any_model_work(string fault)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["out"]);
        // Root (as CI runs) may write through chmod, so the refusal comes from the seam.
        var readOnly = new FaultyFileSystem
        {
            FailWhen = path => path.StartsWith(folder["out"], StringComparison.Ordinal),
            Fault = fault == "EROFS" ? FaultyFileSystem.ReadOnly : () => new UnauthorizedAccessException($"Access to the path is denied."),
        };

        var result = CliRunner.RunWith(folder.Path, readOnly, default, Generate("--model", "no-such-package"));

        // Exit 6, not the package's 3: the folder is checked first.
        AssertOneErrorLine(result, ExitCodes.OutputNotWritable, folder["out"]);
        Assert.Empty(Directory.GetFileSystemEntries(folder["out"]));
    }

    [Fact]
    public void A_folder_where_an_output_file_goes_exits_6()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["out/line-1-0000.png"]);

        AssertOneErrorLine(Run(folder), ExitCodes.OutputNotWritable, folder["out/line-1-0000.png"], "is a folder");
    }

    [Fact]
    public void Sigterm_abandons_the_current_image_and_exits_75_and_the_rerun_resumes()
    {
        using var folder = new TempFolder();
        using var stop = new CancellationTokenSource();
        // "SIGTERM" right after the first PNG is listed: image 1 is then abandoned at its first progress report.
        var disk = new FaultyFileSystem { AfterAppend = line => { if (line.Contains("0000.png")) stop.Cancel(); } };

        var result = CliRunner.RunWith(folder.Path, disk, stop.Token, Generate("--count", "3", "-q"));

        AssertOneErrorLine(result, ExitCodes.TransientFailure, "Stopped by SIGTERM after 1 of 3 image(s)", "line-1-0001.png", "abandoned",
            "Resume with: " + Kaleido.Cli.Output.ShellWords.KaleidoCommand(Generate("--count", "3", "-q")));
        Assert.Equal(["line-1-0000.latents.json", "line-1-0000.png"],
            Directory.GetFiles(folder["out"], "line-*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(folder["out"], "*.tmp"));
        Assert.Equal(2, ManifestLines(folder).Length);

        var resumed = Run(folder, "--count", "3", "-q");
        Assert.Equal(ExitCodes.Ok, resumed.ExitCode);
        Assert.Equal(6, ManifestLines(folder).Length);
    }

    [Fact]
    public void The_contact_sheet_shows_every_image_the_manifest_lists()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);
        Assert.Equal(ExitCodes.Ok, Run(folder, "--start-index", "1", "-q").ExitCode);

        string text = File.ReadAllText(folder["out/contact-sheet.txt"]);
        Assert.StartsWith("contact-sheet.png: 2 image(s)", text);
        Assert.Contains("1. row 1, column 1: line-1-0000.png", text);
        Assert.Contains("2. row 1, column 2: line-1-0001.png", text);
    }

    [Fact]
    public void Render_into_the_generate_folder_writes_a_name_of_its_own()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Run(folder, "-q").ExitCode);
        byte[] generated = File.ReadAllBytes(folder["out/line-1-0000.png"]);

        var result = CliRunner.RunIn(folder.Path, "render", "out/line-1-0000.latents.json", "--model", Fixtures.TinyKaleido, "-q");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Assert.Equal(generated, File.ReadAllBytes(folder["out/line-1-0000.png"]));
        Assert.Equal(generated, File.ReadAllBytes(folder["out/line-1-0000.render.png"])); // unchanged latents: the same bytes
        Assert.Equal(3, ManifestLines(folder).Length);
    }

    [Fact]
    public void Output_errors_map_to_their_documented_codes()
    {
        var context = new CommandContext(TextWriter.Null, TextWriter.Null, "/", Debug: false);
        Assert.Equal(ExitCodes.OutputConflict, ErrorReporter.Report(new OutputConflictException("taken"), context));
        Assert.Equal(ExitCodes.TransientFailure, ErrorReporter.Report(new TransientFailureException("later"), context));
        Assert.Equal(ExitCodes.TransientFailure, ErrorReporter.Report(FaultyFileSystem.DiskFull(), context));
        Assert.Equal(ExitCodes.TransientFailure, ErrorReporter.Report(
            new Microsoft.ML.OnnxRuntime.TestDoubles.FakeOrtException("CUDA failure 2: out of memory"), context));
        Assert.Equal(ExitCodes.InternalError, ErrorReporter.Report(
            new Microsoft.ML.OnnxRuntime.TestDoubles.FakeOrtException("Non-zero status code returned while running Conv node"), context));
    }
}

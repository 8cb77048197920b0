using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;

namespace Kaleido.Cli.Tests;

/// <summary>
/// tools/deploy/slurm/kaleido-array.sbatch submitted for real to a private single-node Slurm (<see cref="SlurmCluster"/>):
/// the array's shared folder is the unsharded run byte for byte; a task cancelled midway and resubmitted alone
/// (<c>sbatch --array=1</c>) loses, repeats and leaves half-written nothing; exit 75 requeues the task, 2–7 end it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SlurmArrayTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    const string Prompts = "a red circle\n{\"id\": \"sq\", \"prompt\": \"a blue square\", \"count\": 2}\na green star\n";
    static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    static string Script => Path.Combine(Fixtures.RepoRoot, "tools", "deploy", "slurm", "kaleido-array.sbatch");

    /// <summary>The built kaleido (its apphost, next to the test assembly), as a cluster's nodes would run it.</summary>
    static string Kaleido => Path.Combine(AppContext.BaseDirectory, "kaleido");

    /// <summary>A fresh folder for one test inside the cluster's (so the daemons' cleanup removes it too).</summary>
    string NewWork(string name)
    {
        string work = Path.Combine(cluster.Root, "work", name);
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "prompts.txt"), Prompts);
        return work;
    }

    /// <summary>What the job script reads from its environment (sbatch passes the submitter's on).</summary>
    static Dictionary<string, string> JobEnvironment(string work, int shards, string? kaleido = null) => new()
    {
        ["KALEIDO_BIN"] = kaleido ?? Kaleido,
        ["KALEIDO_PROMPTS"] = Path.Combine(work, "prompts.txt"),
        ["KALEIDO_MODEL"] = Fixtures.TinyKaleido,
        ["KALEIDO_OUT"] = Path.Combine(work, "out"),
        ["KALEIDO_SHARD_COUNT"] = shards.ToString(),
    };

    string SubmitArray(string work, string array, IReadOnlyDictionary<string, string> environment, params string[] generateOptions) =>
        cluster.Submit(["--array=" + array, "--chdir=" + work, "--output=" + Path.Combine(work, "kaleido-%A_%a.out"), Script, .. generateOptions],
            environment);

    static string Log(string work) => string.Join("\n", Directory.GetFiles(work, "kaleido-*.out").Order(StringComparer.Ordinal)
        .Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));

    /// <summary>The unsharded run, in-process, into <c>whole</c>.</summary>
    static string Unsharded(string work, params string[] generateOptions)
    {
        string whole = Path.Combine(work, "whole");
        var run = CliRunner.RunIn(work, ["generate", "--prompts", Path.Combine(work, "prompts.txt"), "--model", Fixtures.TinyKaleido, "--out", whole, .. generateOptions]);
        Assert.Equal((ExitCodes.Ok, ""), (run.ExitCode, run.Error));
        return whole;
    }

    /// <summary>
    /// The sharded folder holds exactly the unsharded run's images and latents, byte for byte, and N shard manifests
    /// that list each of its files once between them, with the file's SHA-256. (The hook for a `kaleido merge` check.)
    /// </summary>
    static void AssertShardsMakeTheUnshardedRun(string unsharded, string sharded, int shards)
    {
        var expected = ShardTests.Images(unsharded);
        var actual = ShardTests.Images(sharded);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs from the unsharded run's.");

        var manifests = Directory.GetFiles(sharded, "kaleido-manifest*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, shards).Select(i => $"kaleido-manifest.shard-{i}-of-{shards}.jsonl").Order(StringComparer.Ordinal), manifests);
        var listed = Directory.GetFiles(sharded, "kaleido-manifest.shard-*.jsonl").SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count()); // no line twice
        var files = listed.Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (File: e.GetProperty("file").GetString()!, Sha256: e.GetProperty("sha256").GetString()!)).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), files.Select(f => f.File).Order(StringComparer.Ordinal)); // each file once
        foreach (var (file, sha256) in files)
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(actual[file])));
        // Nothing half-written: no temporary file (.NAME.GUID.tmp) left, every PNG whole (signature to IEND).
        Assert.Empty(Directory.GetFiles(sharded, "*.tmp"));
        foreach (var (name, bytes) in actual.Where(f => f.Key.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.True(bytes.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), $"{name} is not a PNG");
            Assert.True(bytes.AsSpan().EndsWith((byte[])[0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82]), $"{name} has no IEND: cut short");
        }

        // And merge finds the run complete and makes the unsharded run's manifest and contact sheet of it.
        var merged = CliRunner.Run("merge", sharded, "-q");
        Assert.Equal((ExitCodes.Ok, ""), (merged.ExitCode, merged.Error));
        foreach (string file in new[] { "kaleido-manifest.jsonl", "contact-sheet.png", "contact-sheet.txt" })
            Assert.True(File.ReadAllBytes(Path.Combine(unsharded, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sharded, file))),
                $"The merged {file} differs from the unsharded run's.");
    }

    void AssertCompleted(string jobId, string work, params int[] tasks)
    {
        var states = cluster.Tasks(jobId);
        Assert.True(tasks.SequenceEqual(states.Select(t => t.ArrayTaskId)), $"Job {jobId} has tasks {string.Join(",", states.Select(t => t.ArrayTaskId))}");
        foreach (var task in states)
            Assert.True(task is { State: "COMPLETED", ExitCode: 0 }, $"Task {jobId}_{task.ArrayTaskId}: {task}\n{Log(work)}");
    }

    [Fact]
    public void A_three_task_array_makes_the_unsharded_run_byte_for_byte()
    {
        string work = NewWork("array");
        string[] options = ["--steps", "2", "--count", "2", "--seed", "4", "-q"];
        string job = SubmitArray(work, "0-2", JobEnvironment(work, 3), options);
        string whole = Unsharded(work, options); // while the array runs

        cluster.WaitForEnd(JobTimeout, job);

        AssertCompleted(job, work, 0, 1, 2);
        Assert.Equal(6 * 2, ShardTests.Images(whole).Count); // 2 + 2 + 2 images, a PNG and a latents file each
        AssertShardsMakeTheUnshardedRun(whole, Path.Combine(work, "out"), 3);
        for (int i = 0; i < 3; i++)
            Assert.Contains($"task {i} of 3", File.ReadAllText(Path.Combine(work, $"kaleido-{job}_{i}.out")));
    }

    [Fact]
    public async Task A_task_cancelled_midway_and_resubmitted_alone_loses_and_repeats_nothing()
    {
        string work = NewWork("resubmit");
        // Enough denoising steps that one image takes seconds, so the cancel lands inside task 1's run: 3 + 2 + 3 = 8 units, task 1 has units 1, 4 and 7.
        string[] options = ["--steps", "400", "--count", "3", "--seed", "9", "-q"];
        var environment = JobEnvironment(work, 3);
        string job = SubmitArray(work, "0-2", environment, options);
        var reference = Task.Run(() => Unsharded(work, options));

        string manifest = Path.Combine(work, "out", "kaleido-manifest.shard-1-of-3.jsonl");
        int Lines() => File.Exists(manifest) ? File.ReadAllLines(manifest).Length : 0;
        var deadline = DateTime.UtcNow + JobTimeout;
        while (Lines() < 2) // one unit: its PNG and its latents file
        {
            Assert.True(DateTime.UtcNow < deadline, $"Task 1 wrote no unit in time.\n{Log(work)}\n{cluster.Logs()}");
            Thread.Sleep(50);
        }
        var cancel = cluster.Run("scancel", $"{job}_1");
        Assert.True(cancel.ExitCode == 0, cancel.Error);
        while (cluster.Tasks(job).Single(t => t.ArrayTaskId == 1).State is "RUNNING" or "PENDING" or "CONFIGURING" or "COMPLETING")
        {
            Assert.True(DateTime.UtcNow < deadline, "Task 1 did not end after scancel.");
            Thread.Sleep(200);
        }

        var cancelled = cluster.Tasks(job).Single(t => t.ArrayTaskId == 1);
        Assert.Equal("CANCELLED", cancelled.State);
        Assert.InRange(Lines(), 2, 5); // stopped midway: one or two of its three units
        string firstLog = File.ReadAllText(Path.Combine(work, $"kaleido-{job}_1.out"));
        Assert.Contains("Stopped by SIGTERM", firstLog); // kaleido abandoned the file it was on, exit 75 ...
        Assert.Contains("not requeued from the script", firstLog); // ... and the script left the stop to Slurm

        string again = SubmitArray(work, "1", environment, [.. options.Where(o => o != "-q")]); // its summary says what it skipped
        cluster.WaitForEnd(JobTimeout, job, again);

        var first = cluster.Tasks(job);
        Assert.Equal([("COMPLETED", 0), ("CANCELLED", 1), ("COMPLETED", 2)], first.Select(t => (t.State, t.ArrayTaskId)));
        AssertCompleted(again, work, 1);
        Assert.Contains("skipped: already there with the same settings", File.ReadAllText(Path.Combine(work, $"kaleido-{again}_1.out"))); // it resumed
        string whole = await reference;
        Assert.Equal(8 * 2, ShardTests.Images(whole).Count);
        AssertShardsMakeTheUnshardedRun(whole, Path.Combine(work, "out"), 3);
        Assert.Equal(3 * 2, Lines()); // task 1's units once each
    }

    [Fact]
    public void Exit_75_requeues_the_task_and_a_permanent_code_ends_it()
    {
        string work = NewWork("requeue");
        // A stand-in for kaleido: task 0 fails with 75 on its first attempt, then runs kaleido; task 1 always exits 4.
        string stand = Path.Combine(work, "kaleido-flaky");
        File.WriteAllText(stand, $$"""
            #!/bin/sh
            if [ "$SLURM_ARRAY_TASK_ID" = 1 ]; then echo "stand-in: latents never parse" >&2; exit 4; fi
            if [ "${SLURM_RESTART_COUNT:-0}" = 0 ]; then echo "stand-in: disk full" >&2; exit 75; fi
            exec '{{Kaleido}}' "$@"

            """);
        File.SetUnixFileMode(stand, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] options = ["--steps", "2", "--count", "2", "--seed", "4", "-q"];

        var watch = Stopwatch.StartNew();
        string job = SubmitArray(work, "0-1", JobEnvironment(work, 2, stand), options);
        cluster.WaitForEnd(JobTimeout, job);

        var tasks = cluster.Tasks(job);
        Assert.True(tasks[0] is { State: "COMPLETED", ExitCode: 0, Restarts: 1 }, $"{tasks[0]} after {watch.Elapsed}\n{Log(work)}");
        Assert.True(tasks[1] is { State: "FAILED", ExitCode: 4, Restarts: 0 }, $"{tasks[1]}\n{Log(work)}");
        string log0 = File.ReadAllText(Path.Combine(work, $"kaleido-{job}_0.out")); // --open-mode=append: both attempts
        Assert.Contains("exit 75, requeue 1 of 3", log0);
        Assert.Contains("attempt 2", log0);
        Assert.DoesNotContain("did not take", log0);
        Assert.Contains("exit 4 is permanent", File.ReadAllText(Path.Combine(work, $"kaleido-{job}_1.out")));
        Assert.True(File.Exists(Path.Combine(work, "out", "kaleido-manifest.shard-0-of-2.jsonl")));
        Assert.False(File.Exists(Path.Combine(work, "out", "kaleido-manifest.shard-1-of-2.jsonl")));
    }
}

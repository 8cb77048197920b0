using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Tests;

/// <summary>
/// <c>--shard-index I --shard-count N</c> and the batch engines' variables: the union of the shards is the unsharded
/// run, byte for byte, whatever N; a shard resumes on its own; a folder split another way is refused.
/// </summary>
public sealed class ShardTests
{
    const string Prompts = "a red circle\n{\"id\": \"sq\", \"prompt\": \"a blue square\", \"count\": 2}\na green star\n";

    static string[] Generate(string output, params string[] extra) =>
        ["generate", "--prompts", "p.txt", "--model", Fixtures.TinyKaleido, "--steps", "2", "--count", "3", "--seed", "4",
            "--out", output, "-q", .. extra];

    /// <summary>Every image and latents file of a folder, by name, with its bytes.</summary>
    internal static SortedDictionary<string, byte[]> Images(string folder) =>
        new(Directory.GetFiles(folder).Where(f => f.EndsWith(".png") && !Path.GetFileName(f).StartsWith("contact-sheet") || f.EndsWith(".latents.json"))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void The_union_of_n_shards_is_the_unsharded_run_byte_for_byte(int count)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, Generate("whole")).ExitCode);

        for (int i = 0; i < count; i++)
        {
            var shard = CliRunner.RunIn(folder.Path, Generate("shards", "--shard-index", i.ToString(), "--shard-count", count.ToString()));
            Assert.Equal((ExitCodes.Ok, ""), (shard.ExitCode, shard.Error));
        }

        var whole = Images(folder["whole"]);
        Assert.Equal(8 * 2, whole.Count); // 3 + 2 + 3 images, each a PNG and a latents file
        Assert.Equal(whole, Images(folder["shards"]));
        Assert.False(File.Exists(folder["shards/contact-sheet.png"])); // left to merge
        for (int i = 0; i < count; i++)
            Assert.True(File.Exists(folder[$"shards/kaleido-manifest.shard-{i}-of-{count}.jsonl"]));
        // Each unit made once: the shard manifests list every file exactly once between them.
        var listed = Directory.GetFiles(folder["shards"], "kaleido-manifest.shard-*.jsonl").SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(whole.Count, listed.Count);
    }

    [Fact]
    public void The_index_comes_from_the_engine_and_the_count_from_kaleido_shard_count()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        Func<string, string?> slurm = name => name switch
        {
            "SLURM_ARRAY_TASK_ID" => "1",
            "SLURM_ARRAY_TASK_COUNT" => "1", // a partial resubmit's count: never read
            "KALEIDO_SHARD_COUNT" => "3",
            _ => null,
        };

        var fromEngine = CliRunner.RunWith(folder.Path, c => c with { Environment = slurm }, Generate("engine"));
        var fromFlags = CliRunner.RunIn(folder.Path, Generate("flags", "--shard-index", "1", "--shard-count", "3"));

        Assert.Equal((ExitCodes.Ok, ""), (fromEngine.ExitCode, fromEngine.Error));
        Assert.Equal(ExitCodes.Ok, fromFlags.ExitCode);
        Assert.Equal(Images(folder["flags"]), Images(folder["engine"]));
        Assert.Equal(6, Images(folder["engine"]).Count); // units 1, 4, 7 of 8
        Assert.True(File.Exists(folder["engine/kaleido-manifest.shard-1-of-3.jsonl"]));
    }

    [Fact]
    public void A_rerun_of_a_shard_skips_what_it_made_and_a_different_split_is_refused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, Generate("out", "--shard-index", "0", "--shard-count", "2")).ExitCode);

        var again = CliRunner.RunIn(folder.Path, [.. Generate("out", "--shard-index", "0", "--shard-count", "2").Where(a => a != "-q")]);
        var otherSplit = CliRunner.RunIn(folder.Path, Generate("out", "--shard-index", "0", "--shard-count", "3"));

        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains("Wrote 0 image(s) (4 skipped: already there with the same settings) of shard 0 of 2", again.Out);
        Assert.Equal(ExitCodes.OutputConflict, otherSplit.ExitCode);
        Assert.Contains("holds 'kaleido-manifest.shard-0-of-2.jsonl', a shard of a run split another way; this run is shard 0 of 3", otherSplit.Error);
    }

    [Theory]
    [InlineData(new[] { "--shard-index", "1" }, null, "The shard index is 1 (from --shard-index) but no shard count is given")]
    [InlineData(new[] { "--shard-count", "2" }, null, "The shard count is 2 (from --shard-count) but no shard index is given")]
    [InlineData(new[] { "--shard-index", "2", "--shard-count", "2" }, null, "expected an integer from 0 to 1")]
    [InlineData(new[] { "--shard-index", "0", "--shard-count", "0" }, null, "expected an integer from 1 to 100000")]
    [InlineData(new string[0], "JOB_COMPLETION_INDEX", "The shard index is 5 (from JOB_COMPLETION_INDEX) but no shard count is given")]
    public void An_incomplete_or_impossible_split_exits_2_before_any_work(string[] flags, string? variable, string message)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);

        var result = CliRunner.RunWith(folder.Path, c => c with { Environment = n => n == variable ? "5" : null }, Generate("out", flags));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(Directory.Exists(folder["out"]));
    }

    [Fact]
    public void Cloud_run_gives_both_and_an_engine_index_that_is_not_a_number_is_named()
    {
        Func<string, string?> cloudRun = n => n switch { "CLOUD_RUN_TASK_INDEX" => "2", "CLOUD_RUN_TASK_COUNT" => "4", _ => null };
        Assert.Equal(new ShardSpec(2, 4, "CLOUD_RUN_TASK_INDEX", "CLOUD_RUN_TASK_COUNT"), ShardSpec.Resolve(null, null, cloudRun));
        Assert.Null(ShardSpec.Resolve(null, null, _ => null));

        var e = Assert.Throws<Kaleido.Runtime.UserInputException>(() =>
            ShardSpec.Resolve(null, 2, n => n == "AWS_BATCH_JOB_ARRAY_INDEX" ? "-1" : null));
        Assert.Equal("AWS_BATCH_JOB_ARRAY_INDEX is '-1'; expected a non-negative integer.", e.Message);
    }
}

using System.Text.Json;

namespace Kaleido.Cli.Tests;

/// <summary>
/// <c>kaleido merge</c>: the shards of a run merged into one folder are the unsharded run's folder (manifest and
/// contact sheets byte for byte); a deleted or changed file, a duplicated unit or a missing shard is exit 1 naming
/// it, and then nothing is written.
/// </summary>
public sealed class MergeTests
{
    const string Prompts = "a red circle\n{\"id\": \"sq\", \"prompt\": \"a blue square\", \"count\": 2}\na green star\n";

    static string[] Generate(string output, params string[] extra) =>
        ["generate", "--prompts", "p.txt", "--model", Fixtures.TinyKaleido, "--steps", "2", "--count", "3", "--seed", "4",
            "--out", output, "-q", .. extra];

    /// <summary>The unsharded run in "whole" and its <paramref name="count"/> shards in "shards" (or "shard-I" each).</summary>
    static TempFolder Run(int count, bool separateFolders = false)
    {
        var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, Generate("whole")).ExitCode);
        for (int i = 0; i < count; i++)
        {
            string output = separateFolders ? $"shard-{i}" : "shards";
            var shard = CliRunner.RunIn(folder.Path, Generate(output, "--shard-index", i.ToString(), "--shard-count", count.ToString()));
            Assert.Equal((ExitCodes.Ok, ""), (shard.ExitCode, shard.Error));
        }
        return folder;
    }

    /// <summary>Every file of a folder, by name, with its bytes: what a failed merge must leave as it was.</summary>
    static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    static void AssertIncompleteAndUntouched(TempFolder folder, string message, params string[] merge)
    {
        var before = Snapshot(folder["shards"]);
        var result = CliRunner.RunIn(folder.Path, ["merge", .. merge]);
        Assert.Equal(ExitCodes.IncompleteMerge, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.StartsWith("kaleido: error: ", result.Error);
        Assert.False(CliRunner.HasStackTrace(result.Error), result.Error);
        Assert.Equal("", result.Out);
        Assert.Equal(before, Snapshot(folder["shards"]));
        foreach (string written in new[] { "index.html", "kaleido-manifest.jsonl", "contact-sheet.png", "contact-sheet.txt" })
            Assert.False(File.Exists(folder[Path.Combine("shards", written)]), $"{written} was written by a failed merge");
    }

    [Fact]
    public void Three_shards_in_one_folder_merge_into_the_unsharded_runs_manifest_and_contact_sheets_byte_for_byte()
    {
        using var folder = Run(3);

        var merged = CliRunner.RunIn(folder.Path, "merge", "shards");

        Assert.Equal((ExitCodes.Ok, ""), (merged.ExitCode, merged.Error));
        Assert.Contains("Merged 8 unit(s), 16 file(s): wrote kaleido-manifest.jsonl, contact-sheet.png, contact-sheet.txt and index.html", merged.Out);
        foreach (string name in new[] { "kaleido-manifest.jsonl", "contact-sheet.png", "contact-sheet.txt" })
            Assert.True(File.ReadAllBytes(folder[$"whole/{name}"]).SequenceEqual(File.ReadAllBytes(folder[$"shards/{name}"])), $"{name} differs");
        Assert.Equal(ShardTests.Images(folder["whole"]), ShardTests.Images(folder["shards"]));
        Assert.True(File.Exists(folder["shards/index.html"]));

        // Units in plan order, each with its number and the plan's size.
        var units = File.ReadAllLines(folder["shards/kaleido-manifest.jsonl"])
            .Select(l => JsonDocument.Parse(l).RootElement).Select(o => (o.GetProperty("unit").GetInt32(), o.GetProperty("units").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(u => new[] { (u, 8), (u, 8) }), units);

        // Merging again rebuilds the same files: the merged manifest beside the shard manifests is output, never input.
        var again = CliRunner.RunIn(folder.Path, "merge", "shards", "--json");
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal("merge", JsonDocument.Parse(again.Out).RootElement.GetProperty("type").GetString());
        Assert.True(File.ReadAllBytes(folder["whole/contact-sheet.png"]).SequenceEqual(File.ReadAllBytes(folder["shards/contact-sheet.png"])));
    }

    [Fact]
    public void Shards_in_separate_folders_merge_into_out_with_every_file_copied()
    {
        using var folder = Run(3, separateFolders: true);

        var merged = CliRunner.RunIn(folder.Path, "merge", "shard-0", "shard-1", "shard-2", "--out", "merged", "-q");

        Assert.Equal((ExitCodes.Ok, "", ""), (merged.ExitCode, merged.Out, merged.Error));
        Assert.Equal(ShardTests.Images(folder["whole"]), ShardTests.Images(folder["merged"]));
        foreach (string name in new[] { "kaleido-manifest.jsonl", "contact-sheet.png", "contact-sheet.txt" })
            Assert.True(File.ReadAllBytes(folder[$"whole/{name}"]).SequenceEqual(File.ReadAllBytes(folder[$"merged/{name}"])), $"{name} differs");
        Assert.False(File.Exists(folder["shard-0/index.html"]));
    }

    [Fact]
    public void Shards_of_latents_merge_into_the_unsharded_latents_manifest_and_an_index_without_images()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        string[] Latents(string output, params string[] extra) =>
            ["latents", "--prompts", "p.txt", "--model", Fixtures.TinyKaleido, "--count", "2", "--seed", "4", "--out", output, "-q", .. extra];
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, Latents("whole")).ExitCode);
        for (int i = 0; i < 2; i++)
            Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, Latents("shards", "--shard-index", i.ToString(), "--shard-count", "2")).ExitCode);

        var merged = CliRunner.RunIn(folder.Path, "merge", "shards");

        Assert.Equal((ExitCodes.Ok, ""), (merged.ExitCode, merged.Error));
        Assert.Contains("Merged 6 unit(s), 6 file(s): wrote kaleido-manifest.jsonl and index.html", merged.Out);
        Assert.Equal(File.ReadAllBytes(folder["whole/kaleido-manifest.jsonl"]), File.ReadAllBytes(folder["shards/kaleido-manifest.jsonl"]));
        Assert.False(File.Exists(folder["shards/contact-sheet.png"]));
        string page = File.ReadAllText(folder["shards/index.html"]);
        Assert.Equal(6, page.Split("<figure ").Length - 1);
        Assert.DoesNotContain("<img", page);
    }

    [Fact]
    public void A_deleted_png_or_a_changed_file_is_exit_1_naming_it_and_nothing_is_written()
    {
        using var folder = Run(3);
        File.Delete(folder["shards/sq-0001.png"]);
        File.AppendAllText(folder["shards/line-3-0002.latents.json"], " ");

        AssertIncompleteAndUntouched(folder, "sq-0001.png' (unit 4, listed by kaleido-manifest.shard-1-of-3.jsonl) is missing", "shards");
        var result = CliRunner.RunIn(folder.Path, "merge", "shards");
        Assert.Contains("line-3-0002.latents.json' (unit 7) has changed since it was listed", result.Error);
        Assert.Contains("2 problem(s)", result.Error);
    }

    [Fact]
    public void A_unit_listed_by_two_shards_is_exit_1_even_with_the_same_bytes()
    {
        using var folder = Run(3);
        string line = File.ReadAllLines(folder["shards/kaleido-manifest.shard-0-of-3.jsonl"]).First(l => l.Contains("\"line-1-0000.png\""));
        File.AppendAllText(folder["shards/kaleido-manifest.shard-1-of-3.jsonl"], line + "\n");

        AssertIncompleteAndUntouched(folder,
            "'line-1-0000.png' (unit 0) is listed twice, with the same bytes: by " +
            Path.Combine(folder["shards"], "kaleido-manifest.shard-0-of-3.jsonl") + " and by " +
            Path.Combine(folder["shards"], "kaleido-manifest.shard-1-of-3.jsonl"), "shards");
    }

    [Fact]
    public void A_missing_shard_manifest_is_exit_1_naming_the_shard_and_its_units()
    {
        using var folder = Run(3);
        File.Delete(folder["shards/kaleido-manifest.shard-2-of-3.jsonl"]);

        AssertIncompleteAndUntouched(folder, "Shard 2 of 3 is missing: no kaleido-manifest.shard-2-of-3.jsonl in any folder.", "shards");
        var result = CliRunner.RunIn(folder.Path, "merge", "shards");
        Assert.Contains("Unit 2 of 8 (shard 2 of 3) is listed by no manifest.", result.Error);
        Assert.Contains("Unit 5 of 8 (shard 2 of 3) is listed by no manifest.", result.Error);
    }

    [Fact]
    public void More_than_20_problems_are_counted_not_listed()
    {
        using var folder = new TempFolder();
        var made = CliRunner.RunIn(folder.Path, "generate", "a red circle", "--model", Fixtures.TinyKaleido, "--steps", "1", "--count", "12",
            "--out", "many", "-q", "--shard-index", "0", "--shard-count", "1");
        Assert.Equal(ExitCodes.Ok, made.ExitCode);
        foreach (string file in Directory.GetFiles(folder["many"], "line-1-*"))
            File.Delete(file);

        var result = CliRunner.RunIn(folder.Path, "merge", "many");

        Assert.Equal(ExitCodes.IncompleteMerge, result.ExitCode);
        Assert.Contains("24 problem(s)", result.Error);
        Assert.Contains("… and 4 more.", result.Error);
        Assert.Equal(20, result.Error.Split('\n').Count(l => l.StartsWith("  - ")));
    }

    [Fact]
    public void No_folder_or_a_missing_folder_is_exit_2()
    {
        using var folder = new TempFolder();

        var none = CliRunner.RunIn(folder.Path, "merge");
        var missing = CliRunner.RunIn(folder.Path, "merge", "nowhere");

        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Contains("merge needs at least one folder", none.Error);
        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("nowhere' (from OUT nowhere) does not exist", missing.Error);
        Assert.False(CliRunner.HasStackTrace(none.Error + missing.Error));
    }
}

using System.Text.Json;

namespace Kaleido.Cli.Tests;

/// <summary>
/// <c>render FOLDER</c> and <c>render BATCH.jsonl</c>: every document rendered as <c>render FILE</c> would render it
/// (so unchanged latents give generate's bytes), shardable with the union of N shards equal to the unsharded batch,
/// and mergeable; a bad document anywhere fails the batch before the first image.
/// </summary>
public sealed class RenderBatchTests
{
    const string Prompts = "a red circle\n{\"id\": \"sq\", \"prompt\": \"a blue square\", \"count\": 2}\na green star\n";

    /// <summary>A folder "gen" of 3 + 2 + 3 generated images and their latents documents.</summary>
    static TempFolder Generated()
    {
        var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], Prompts);
        var result = CliRunner.RunIn(folder.Path, "generate", "--prompts", "p.txt", "--model", Fixtures.TinyKaleido, "--steps", "2",
            "--count", "3", "--seed", "4", "--out", "gen", "-q");
        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Directory.CreateDirectory(folder["docs"]);
        foreach (string file in Directory.GetFiles(folder["gen"], "*.latents.json"))
            File.Copy(file, Path.Combine(folder["docs"], Path.GetFileName(file)));
        return folder;
    }

    static string[] Render(string source, string output, params string[] extra) =>
        ["render", source, "--model", Fixtures.TinyKaleido, "--out", output, "-q", .. extra];

    static SortedDictionary<string, byte[]> Pngs(string folder) =>
        new(Directory.GetFiles(folder, "*.render.png").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    [Fact]
    public void A_folder_renders_every_document_to_the_bytes_generate_made_with_a_contact_sheet()
    {
        using var folder = Generated();

        var result = CliRunner.RunIn(folder.Path, Render("docs", "out"));

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        var rendered = Pngs(folder["out"]);
        Assert.Equal(8, rendered.Count);
        foreach ((string name, byte[] bytes) in rendered)
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["gen"], name.Replace(".render.png", ".png"))), bytes);
        Assert.True(File.Exists(folder["out/contact-sheet.png"]));
        // Units numbered in the folder's ordinal order, as merge needs them.
        var lines = File.ReadAllLines(folder["out/kaleido-manifest.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, 8), lines.Select(l => l.GetProperty("unit").GetInt32()).Order());
        Assert.All(lines, l => Assert.Equal(8, l.GetProperty("units").GetInt32()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_union_of_n_shards_of_a_folder_is_the_unsharded_batch_and_merges_to_it(int count)
    {
        using var folder = Generated();
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, Render("docs", "whole")).ExitCode);

        for (int i = 0; i < count; i++)
        {
            var shard = CliRunner.RunIn(folder.Path, Render("docs", "shards", "--shard-index", $"{i}", "--shard-count", $"{count}"));
            Assert.Equal((ExitCodes.Ok, ""), (shard.ExitCode, shard.Error));
        }

        Assert.Equal(Pngs(folder["whole"]), Pngs(folder["shards"]));
        Assert.False(File.Exists(folder["shards/contact-sheet.png"])); // left to merge
        var merged = CliRunner.RunIn(folder.Path, "merge", "shards", "-q");
        Assert.Equal((ExitCodes.Ok, ""), (merged.ExitCode, merged.Error));
        Assert.Equal(File.ReadAllBytes(folder["whole/contact-sheet.png"]), File.ReadAllBytes(folder["shards/contact-sheet.png"]));
        Assert.True(File.Exists(folder["shards/index.html"]));
    }

    [Fact]
    public void A_jsonl_renders_one_image_per_line_named_by_its_line()
    {
        using var folder = Generated();
        var documents = Directory.GetFiles(folder["docs"], "*.latents.json").Order(StringComparer.Ordinal).ToList();
        // One document per line (compact JSON), with a blank line that is skipped but still counted.
        var lines = documents.Select(f => JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(f)).RootElement)).ToList();
        lines.Insert(2, "");
        File.WriteAllText(folder["batch.jsonl"], string.Join("\n", lines) + "\n");

        var result = CliRunner.RunIn(folder.Path, Render("batch.jsonl", "out"));

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        var rendered = Pngs(folder["out"]);
        Assert.Equal(documents.Count, rendered.Count);
        for (int i = 0; i < documents.Count; i++)
        {
            int line = i < 2 ? i + 1 : i + 2;
            string generated = Path.Combine(folder["gen"], Path.GetFileName(documents[i]).Replace(".latents.json", ".png"));
            Assert.Equal(File.ReadAllBytes(generated), rendered[$"batch-line-{line}.render.png"]);
        }
    }

    [Fact]
    public void A_bad_document_fails_the_batch_naming_its_line_before_any_image()
    {
        using var folder = Generated();
        var documents = Directory.GetFiles(folder["docs"], "*.latents.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(f)).RootElement)).ToList();
        documents[3] = documents[3].Replace("\"kaleido-latents\"", "\"kaleido-latent\"");
        File.WriteAllText(folder["batch.jsonl"], string.Join("\n", documents));

        var result = CliRunner.RunIn(folder.Path, Render("batch.jsonl", "out", "--shard-index", "0", "--shard-count", "2"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("batch.jsonl, line 4", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(folder["out"]) && Directory.EnumerateFileSystemEntries(folder["out"]).Any());
    }

    [Fact]
    public void A_folder_without_latents_documents_is_exit_2_naming_it()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["empty"]);

        var result = CliRunner.RunIn(folder.Path, Render("empty", "out"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("empty' holds no *.latents.json file", result.Error);
    }
}

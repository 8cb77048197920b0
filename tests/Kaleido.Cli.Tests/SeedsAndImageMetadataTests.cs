using System.Text.Json;
using System.Text.RegularExpressions;
using Kaleido.Runtime.Imaging;

namespace Kaleido.Cli.Tests;

/// <summary>
/// Seeds a user can type back (<c>--seed random</c>, the base seed beside the derived one) and metadata a user can read
/// back (<c>info IMAGE.png</c>, <c>render IMAGE.png</c>), end to end through the CLI.
/// </summary>
public sealed partial class SeedsAndImageMetadataTests
{
    const string Prompt = "a red circle above a blue square";

    static CliRunner.Result Generate(TempFolder folder, string seed, string output, params string[] extra) =>
        CliRunner.RunIn(folder.Path, ["generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", "--cfg", "2.5",
            "--seed", seed, "--out", output, .. extra]);

    [GeneratedRegex(@"^Seed (\d+) \(drawn by --seed random; --seed \1 makes the same files again\)$", RegexOptions.Multiline)]
    private static partial Regex DrawnSeedLine();

    [Fact]
    public void Seed_random_is_printed_and_recorded_and_typing_it_back_gives_the_same_bytes()
    {
        using var folder = new TempFolder();

        var first = Generate(folder, "random", "a");
        var second = Generate(folder, "random", "b");

        Assert.Equal((ExitCodes.Ok, ""), (first.ExitCode, first.Error));
        Assert.Equal((ExitCodes.Ok, ""), (second.ExitCode, second.Error));
        ulong drawn = ulong.Parse(DrawnSeedLine().Match(first.Out).Groups[1].Value);
        ulong other = ulong.Parse(DrawnSeedLine().Match(second.Out).Groups[1].Value);
        Assert.NotEqual(drawn, other); // 2^-64 odds of a false failure
        Assert.Equal(drawn, PngMetadataReader.Read(folder["a/line-1-0000.png"]).BaseSeed);

        var again = Generate(folder, drawn.ToString(), "c", "-q");

        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal("", again.Out); // only a drawn seed is announced
        Assert.Equal(File.ReadAllBytes(folder["a/line-1-0000.png"]), File.ReadAllBytes(folder["c/line-1-0000.png"]));
        Assert.Equal(File.ReadAllBytes(folder["a/line-1-0000.latents.json"]), File.ReadAllBytes(folder["c/line-1-0000.latents.json"]));
    }

    [Fact]
    public void The_image_seed_shown_is_what_render_seed_takes()
    {
        using var folder = new TempFolder();
        var generated = Generate(folder, "1", "gen");
        Assert.Equal(ExitCodes.Ok, generated.ExitCode);
        ulong imageSeed = PngMetadataReader.Read(folder["gen/line-1-0000.png"]).Seed;
        Assert.Contains($"seed 1 (image seed {imageSeed})", generated.Out);

        // The document's own seed replaced by the one shown: the same image.
        var result = CliRunner.RunIn(folder.Path, "render", "gen/line-1-0000.latents.json", "--model", Fixtures.TinyKaleido,
            "--seed", imageSeed.ToString(), "--out", "ren", "-q");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Assert.Equal(File.ReadAllBytes(folder["gen/line-1-0000.png"]), File.ReadAllBytes(folder["ren/line-1-0000.render.png"]));
    }

    [Fact]
    public void Info_of_a_png_prints_how_it_was_made_and_the_command_that_makes_it_again()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Generate(folder, "5", "gen", "--count", "2", "-q").ExitCode);
        ImageMetadata m = PngMetadataReader.Read(folder["gen/line-1-0001.png"]);

        var text = CliRunner.RunIn(folder.Path, "info", "gen/line-1-0001.png");
        var json = CliRunner.RunIn(folder.Path, "info", "gen/line-1-0001.png", "--json");

        Assert.Equal((ExitCodes.Ok, ""), (text.ExitCode, text.Error));
        Assert.Contains($"Prompt:        {Prompt}", text.Out);
        Assert.Contains("Model id:      tiny-kaleido", text.Out);
        Assert.Contains("Seed:          5 (the run's base seed: generate --seed 5)", text.Out);
        Assert.Contains($"Image seed:    {m.Seed} (derived; render --seed {m.Seed})", text.Out);
        Assert.Contains("Index:         1", text.Out);
        Assert.Contains("Settings:      steps 4, sampler ddim, guidance 2.5, unguided below t 130", text.Out);
        Assert.Contains($"Reproduce:     kaleido render {folder["gen/line-1-0001.png"]}", text.Out); // absolute: it works from any folder

        Assert.Equal((ExitCodes.Ok, ""), (json.ExitCode, json.Error));
        using JsonDocument record = JsonDocument.Parse(json.Out);
        JsonElement r = record.RootElement;
        Assert.Equal((Prompt, 5UL, m.Seed, 1, 4, "ddim", 2.5, 130), (r.GetProperty("prompt").GetString(), r.GetProperty("baseSeed").GetUInt64(),
            r.GetProperty("seed").GetUInt64(), r.GetProperty("index").GetInt32(), r.GetProperty("steps").GetInt32(),
            r.GetProperty("sampler").GetString(), r.GetProperty("guidance").GetDouble(), r.GetProperty("guidanceCutoff").GetInt32()));
        Assert.Equal(m.PackageSha256, r.GetProperty("packageSha256").GetString());
    }

    [Fact]
    public void Render_of_a_png_makes_the_same_png_again_from_its_own_metadata()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Generate(folder, "9", "gen", "--count", "2", "-q").ExitCode);

        var result = CliRunner.RunIn(folder.Path, "render", "gen/line-1-0001.png", "--model", Fixtures.TinyKaleido, "--out", "ren", "-q");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Assert.Equal(File.ReadAllBytes(folder["gen/line-1-0001.png"]), File.ReadAllBytes(folder["ren/line-1-0001.render.png"]));
    }

    [Fact]
    public void A_png_that_is_not_a_kaleido_image_is_named_with_what_was_expected()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder["fake.png"], "not a png at all"u8.ToArray());

        var info = CliRunner.RunIn(folder.Path, "info", "fake.png");
        var render = CliRunner.RunIn(folder.Path, "render", "fake.png", "--model", Fixtures.TinyKaleido, "--out", "ren");

        Assert.Equal(ExitCodes.BadInput, info.ExitCode);
        Assert.Contains("fake.png' is not a readable PNG", info.Error);
        Assert.Equal(ExitCodes.BadInput, render.ExitCode);
        Assert.Contains("fake.png' is not a readable PNG", render.Error);
        Assert.False(Directory.Exists(folder["ren"]));
    }

    [Fact]
    public void A_prompt_with_control_characters_is_kept_exactly_in_the_latents_and_cleaned_in_the_text_chunks()
    {
        using var folder = new TempFolder();
        string prompt = "a red\u001b[31m circle\u0000";
        File.WriteAllText(folder["p.jsonl"], JsonSerializer.Serialize(new { prompt }) + "\n");

        var result = CliRunner.RunIn(folder.Path, "generate", "--prompts", "p.jsonl", "--model", Fixtures.TinyKaleido, "--steps", "2",
            "--out", "gen", "-q");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        ImageMetadata m = PngMetadataReader.Read(folder["gen/line-1-0000.png"]);
        Assert.Equal("a red\uFFFD[31m circle\uFFFD", m.Prompt);
        Assert.Equal(prompt, Kaleido.Runtime.Latents.LatentsDocumentReader.Read(m.Latents!).Prompt);
    }
}

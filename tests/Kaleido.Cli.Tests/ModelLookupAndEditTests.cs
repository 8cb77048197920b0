using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kaleido.Cli.Tests;

/// <summary>
/// Where the default model is found (KALEIDO_MODEL, the current folder, the binary's folder), and edited latents that do
/// not fit the model rendering them: a visual code past its codebook, a document sampled by another model.
/// </summary>
public sealed class ModelLookupAndEditTests
{
    static Func<string, string?> Only(string name, string value) => n => n == name ? value : null;

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    [Fact]
    public void Kaleido_model_names_the_package_when_no_model_option_is_given()
    {
        using var folder = new TempFolder();

        var result = CliRunner.RunWith(folder.Path, c => c with { Environment = Only("KALEIDO_MODEL", Fixtures.TinyKaleido) }, "info");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Assert.Contains(Fixtures.TinyKaleido, result.Out);
        Assert.Contains("tiny-kaleido", result.Out);
    }

    [Fact]
    public void The_model_option_wins_over_kaleido_model()
    {
        using var folder = new TempFolder();

        var result = CliRunner.RunWith(folder.Path, c => c with { Environment = Only("KALEIDO_MODEL", Fixtures.TinyKaleido) },
            "info", "--model", Fixtures.TinyBaseline);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("tiny-baseline", result.Out);
    }

    [Fact]
    public void A_missing_kaleido_model_folder_names_the_variable()
    {
        using var folder = new TempFolder();

        var result = CliRunner.RunWith(folder.Path, c => c with { Environment = Only("KALEIDO_MODEL", "no/such/package") }, "info");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Contains($"'{folder["no/such/package"]}' (from KALEIDO_MODEL=no/such/package) does not exist", result.Error);
    }

    [Fact]
    public void A_binary_run_from_another_folder_finds_the_model_beside_it()
    {
        using var binary = new TempFolder();
        using var elsewhere = new TempFolder();
        CopyFolder(Fixtures.TinyKaleido, binary["models/kaleido-shapes"]);

        var found = CliRunner.RunWith(elsewhere.Path, c => c with { BinaryDirectory = binary.Path }, "info");
        var missing = CliRunner.RunWith(elsewhere.Path, c => c with { BinaryDirectory = elsewhere.Path }, "info");

        Assert.Equal((ExitCodes.Ok, ""), (found.ExitCode, found.Error));
        Assert.Contains(binary["models/kaleido-shapes"], found.Out);
        Assert.Equal(ExitCodes.BadPackage, missing.ExitCode);
        Assert.Contains("pass --model DIR or set KALEIDO_MODEL", missing.Error);
    }

    [Fact]
    public void A_visual_code_past_the_codebook_is_refused_naming_the_code_and_the_size()
    {
        using var folder = new TempFolder();
        var sampled = CliRunner.RunIn(folder.Path, "latents", "a red circle", "--model", Fixtures.ShippedKaleido, "--out", "lat", "-q");
        Assert.Equal((ExitCodes.Ok, ""), (sampled.ExitCode, sampled.Error));
        JsonObject document = JsonNode.Parse(File.ReadAllText(folder["lat/line-1-0000.latents.json"]))!.AsObject();
        string text = document["text"]!.GetValue<string>();
        document["text"] = new Regex(@"<v\d+>").Replace(text, "<v70>", 1);
        document.Remove("items");
        File.WriteAllText(folder["edited.latents.json"], document.ToJsonString());

        var result = CliRunner.RunIn(folder.Path, "render", "edited.latents.json", "--model", Fixtures.ShippedKaleido, "--steps", "1",
            "--out", "ren");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("Model 'kaleido-shapes' cannot render these latents", result.Error);
        Assert.Contains("visual code number 1 of 16 is 70; expected a code from 0 to 63", result.Error);
        Assert.False(CliRunner.HasStackTrace(result.Error));
        Assert.False(File.Exists(folder["ren/edited.render.png"]));
    }

    [Fact]
    public void Latents_sampled_by_another_model_render_with_a_warning_naming_both()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, "latents", "a red circle", "--model", Fixtures.TinyKaleido, "--out", "lat",
            "-q").ExitCode);
        JsonObject document = JsonNode.Parse(File.ReadAllText(folder["lat/line-1-0000.latents.json"]))!.AsObject();
        document["modelId"] = "some-other-model";
        File.WriteAllText(folder["other.latents.json"], document.ToJsonString());

        var warned = CliRunner.RunIn(folder.Path, "render", "other.latents.json", "--model", Fixtures.TinyKaleido, "--steps", "2", "--out", "a");
        var same = CliRunner.RunIn(folder.Path, "render", "lat/line-1-0000.latents.json", "--model", Fixtures.TinyKaleido, "--steps", "2",
            "--out", "b");

        Assert.Equal(ExitCodes.Ok, warned.ExitCode);
        Assert.Equal("kaleido: warning: 'other.latents.json' was sampled by model 'some-other-model'; rendering it with model 'tiny-kaleido' (--model).",
            warned.Error.Trim());
        Assert.Equal((ExitCodes.Ok, ""), (same.ExitCode, same.Error));
    }
}

/// <summary>The command a stopped run prints to resume it.</summary>
public sealed class ResumeCommandTests
{
    [Fact]
    public void A_drawn_seed_is_replaced_by_its_number_in_either_spelling()
    {
        var random = Kaleido.Cli.Requests.SeedChoice.Random;

        Assert.Equal("kaleido generate 'a red circle' --seed 42 -n 4",
            Output.ResumeCommand.Of(["generate", "a red circle", "--seed", "random", "-n", "4"], random, 42));
        Assert.Equal("kaleido generate x -s 42", Output.ResumeCommand.Of(["generate", "x", "-s", "random"], random, 42));
        Assert.Equal("kaleido generate x --seed=42", Output.ResumeCommand.Of(["generate", "x", "--seed=random"], random, 42));
        // A prompt that is the word "random" stays, and a typed seed is kept as typed.
        Assert.Equal("kaleido generate random --seed 7",
            Output.ResumeCommand.Of(["generate", "random", "--seed", "7"], new Kaleido.Cli.Requests.SeedChoice(7), 7));
        Assert.Equal("kaleido render 'it'\\''s.json'", Output.ShellWords.KaleidoCommand(["render", "it's.json"]));
    }
}

/// <summary><c>info --deep</c>: damage the hashes cannot see once they were re-signed.</summary>
public sealed class InfoDeepTests
{
    /// <summary>A copy of the tiny package with <paramref name="file"/>'s bytes 100–399 flipped and its hash re-signed.</summary>
    static void CopyDamagedAndResigned(string to, string file)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(Fixtures.TinyKaleido))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        byte[] bytes = File.ReadAllBytes(Path.Combine(to, file));
        for (int i = 100; i < 400; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(Path.Combine(to, file), bytes);
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(to, "kaleido.json")))!.AsObject();
        JsonObject entry = manifest["files"]!.AsArray().Select(n => n!.AsObject()).Single(o => o["path"]!.GetValue<string>() == file);
        entry["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        File.WriteAllText(Path.Combine(to, "kaleido.json"), manifest.ToJsonString());
    }

    [Fact]
    public void Deep_finds_a_damaged_graph_whose_hash_was_re_signed()
    {
        using var folder = new TempFolder();
        CopyDamagedAndResigned(folder["pkg"], "encoder.onnx");

        var cheap = CliRunner.RunIn(folder.Path, "info", "--model", "pkg", "-q");
        var deep = CliRunner.RunIn(folder.Path, "info", "--model", "pkg", "--deep");

        Assert.Equal(ExitCodes.Ok, cheap.ExitCode); // the hashes match: only --deep can tell
        Assert.Equal(ExitCodes.BadPackage, deep.ExitCode);
        Assert.Contains("could not load 'encoder.onnx'", deep.Error);
        Assert.False(CliRunner.HasStackTrace(deep.Error));
    }

    [Fact]
    public void Deep_on_a_sound_package_says_what_it_ran()
    {
        var text = CliRunner.Run("info", "--model", Fixtures.TinyKaleido, "--deep");
        var json = CliRunner.Run("info", "--model", Fixtures.TinyBaseline, "--deep", "--json");

        Assert.Equal((ExitCodes.Ok, ""), (text.ExitCode, text.Error));
        Assert.Contains("Deep check:    yes, every session and GenAI opened and a one-step image of \"a red circle\" made in ", text.Out);
        Assert.Contains("(latents: ", text.Out);
        Assert.Equal((ExitCodes.Ok, ""), (json.ExitCode, json.Error));
        JsonObject check = JsonNode.Parse(json.Out)!["deepCheck"]!.AsObject();
        Assert.True(check["seconds"]!.GetValue<double>() > 0);
        Assert.Null(check["latents"]); // a baseline draws none
    }
}

/// <summary>Editing a document's structured <c>items</c> alone is enough to re-render.</summary>
public sealed class EditItemsTests
{
    [Fact]
    public void Render_of_items_edited_alone_uses_them_and_records_the_new_text()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, "generate", "a red circle", "--model", Fixtures.TinyKaleido, "--steps", "2",
            "--out", "gen", "-q").ExitCode);
        JsonObject document = JsonNode.Parse(File.ReadAllText(folder["gen/line-1-0000.latents.json"]))!.AsObject();
        string original = document["text"]!.GetValue<string>();
        string edited = original == "a green triangle" ? "a yellow star" : "a green triangle";
        document["items"]!["description"] = edited; // text and textDigest left as generate wrote them
        File.WriteAllText(folder["edited.latents.json"], document.ToJsonString());

        var result = CliRunner.RunIn(folder.Path, "render", "edited.latents.json", "--model", Fixtures.TinyKaleido, "--out", "ren", "-q");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        var rendered = Kaleido.Runtime.Imaging.PngMetadataReader.Read(folder["ren/edited.render.png"]);
        Assert.Equal(edited, Kaleido.Runtime.Latents.LatentsDocumentReader.Read(rendered.Latents!).Latents.ToText());
        Assert.NotEqual(File.ReadAllBytes(folder["gen/line-1-0000.png"]), File.ReadAllBytes(folder["ren/edited.render.png"]));
    }
}

/// <summary>Failures found before any image is made, and bad package files that are not our bugs.</summary>
public sealed class EarlyFailureTests
{
    [Theory]
    [InlineData("generate")]
    [InlineData("latents")]
    public void A_caption_too_long_on_the_last_line_fails_before_the_first_image(string verb)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], "a red circle\na blue square\na " + string.Concat(Enumerable.Repeat("very ", 200)) + "long caption\n");

        var result = CliRunner.RunIn(folder.Path, verb, "--prompts", "p.txt", "--model", Fixtures.TinyKaleido, "--steps", "2", "--out", "out");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{folder["p.txt"]} line 3: The caption is ", result.Error);
        Assert.Contains("Pass --truncate", result.Error);
        Assert.False(Directory.Exists(folder["out"])); // nothing made, so no folder either
    }

    static void CopyWithGenAiConfig(string to, string config)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(Fixtures.TinyKaleido))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(to, "genai_config.json"), config);
        JsonObject manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(to, "kaleido.json")))!.AsObject();
        JsonObject entry = manifest["files"]!.AsArray().Select(n => n!.AsObject()).Single(o => o["path"]!.GetValue<string>() == "genai_config.json");
        byte[] bytes = File.ReadAllBytes(Path.Combine(to, "genai_config.json"));
        entry["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        entry["size"] = bytes.Length;
        File.WriteAllText(Path.Combine(to, "kaleido.json"), manifest.ToJsonString());
    }

    [Fact]
    public void A_malformed_genai_config_is_a_bad_package_not_a_bug()
    {
        using var folder = new TempFolder();
        CopyWithGenAiConfig(folder["pkg"], "{bad");

        var result = CliRunner.RunIn(folder.Path, "generate", "a", "--model", "pkg", "--steps", "1", "--out", "out");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Contains("genai_config.json' is not valid JSON", result.Error);
        Assert.DoesNotContain("internal error", result.Error);
    }

    [Fact]
    public void A_genai_config_pointing_outside_the_package_is_refused()
    {
        using var folder = new TempFolder();
        string config = File.ReadAllText(Path.Combine(Fixtures.TinyKaleido, "genai_config.json")).Replace("\"decoder.onnx\"", "\"../decoder.onnx\"");
        CopyWithGenAiConfig(folder["pkg"], config);
        File.Copy(Path.Combine(Fixtures.TinyKaleido, "decoder.onnx"), folder["decoder.onnx"]); // there, but not the package's

        var result = CliRunner.RunIn(folder.Path, "generate", "a", "--model", "pkg", "--steps", "1", "--out", "out");

        Assert.Equal(ExitCodes.BadPackage, result.ExitCode);
        Assert.Contains("field 'model.decoder.filename': \"../decoder.onnx\" is outside the package folder", result.Error);
    }
}

using System.Text.Json.Nodes;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;

namespace Kaleido.Cli.Tests;

/// <summary><c>kaleido render</c> from the latents files <c>generate</c> wrote, unchanged and edited.</summary>
public sealed class RenderCommandTests
{
    const string Prompt = "a red circle above a blue square";

    /// <summary>Generates images 0 and 1 into gen/ and returns the folder.</summary>
    static TempFolder Generated()
    {
        var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", "--cfg", "2.5",
            "--count", "2", "--seed", "3", "--out", "gen", "-q");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        return folder;
    }

    static CliRunner.Result Render(TempFolder folder, string latents, params string[] extra) =>
        CliRunner.RunIn(folder.Path, ["render", latents, "--model", Fixtures.TinyKaleido, "--out", "ren", .. extra]);

    [Fact]
    public void Unchanged_latents_reproduce_the_generated_png_byte_for_byte()
    {
        using var folder = Generated();
        var result = Render(folder, "gen/line-1-0001.latents.json");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        Assert.Equal(File.ReadAllBytes(folder["gen/line-1-0001.png"]), File.ReadAllBytes(folder["ren/line-1-0001.render.png"]));
        Assert.StartsWith(folder["ren/line-1-0001.render.png"] + "  image seed ", result.Out);
    }

    [Fact]
    public void A_guidance_cutoff_is_recorded_and_the_png_renders_again_byte_for_byte()
    {
        using var folder = new TempFolder();
        var generated = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", "--cfg", "2.5",
            "--guidance-cutoff", "500", "--seed", "3", "--out", "gen", "-q");
        Assert.Equal(ExitCodes.Ok, generated.ExitCode);
        ImageMetadata m = PngMetadataReader.Read(folder["gen/line-1-0000.png"]);
        Assert.Equal(500, m.GuidanceCutoff);
        Assert.Equal(500, LatentsDocumentReader.Read(m.Latents!).Sampling!.GuidanceCutoff);

        var again = Render(folder, "gen/line-1-0000.png");
        var everyStep = CliRunner.RunIn(folder.Path, "render", "gen/line-1-0000.png", "--model", Fixtures.TinyKaleido,
            "--guidance-cutoff", "0", "--out", "every-step");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (again.ExitCode, everyStep.ExitCode));
        Assert.Equal(File.ReadAllBytes(folder["gen/line-1-0000.png"]), File.ReadAllBytes(folder["ren/line-1-0000.render.png"]));
        Assert.NotEqual(File.ReadAllBytes(folder["gen/line-1-0000.png"]), File.ReadAllBytes(folder["every-step/line-1-0000.render.png"]));
        Assert.Equal(0, PngMetadataReader.Read(folder["every-step/line-1-0000.render.png"]).GuidanceCutoff);
    }

    [Fact]
    public void Edited_latents_text_changes_the_image_and_is_recorded_in_it()
    {
        using var folder = Generated();
        JsonObject document = JsonNode.Parse(File.ReadAllText(folder["gen/line-1-0000.latents.json"]))!.AsObject();
        string original = document["text"]!.GetValue<string>();
        string edited = original == "a green triangle" ? "a yellow star" : "a green triangle";
        document["text"] = edited;
        document.Remove("items"); // text is authoritative; items would have to agree (docs/latents.md)
        File.WriteAllText(folder["edited.latents.json"], document.ToJsonString());

        var result = Render(folder, "edited.latents.json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.NotEqual(File.ReadAllBytes(folder["gen/line-1-0000.png"]), File.ReadAllBytes(folder["ren/edited.render.png"]));
        ImageMetadata generated = PngMetadataReader.Read(folder["gen/line-1-0000.png"]);
        ImageMetadata rendered = PngMetadataReader.Read(folder["ren/edited.render.png"]);
        Assert.Equal(generated with { Latents = null }, rendered with { Latents = null });
        Assert.Equal(edited, LatentsDocumentReader.Read(rendered.Latents!).Latents.ToText());
    }

    [Fact]
    public void Seed_and_index_options_override_the_document_and_are_recorded()
    {
        using var folder = Generated();
        var result = Render(folder, "gen/line-1-0000.latents.json", "--seed", "99", "--index", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        ImageMetadata m = PngMetadataReader.Read(folder["ren/line-1-0000.render.png"]);
        Assert.Equal((99UL, 1), (m.Seed, m.Index));
        LatentsDocument recorded = LatentsDocumentReader.Read(m.Latents!);
        Assert.Equal((99UL, 1), (recorded.Seed!.Value, recorded.Index!.Value));
        Assert.NotEqual(File.ReadAllBytes(folder["gen/line-1-0000.png"]), File.ReadAllBytes(folder["ren/line-1-0000.render.png"]));
    }
}

using System.Text.Json;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;

namespace Kaleido.Cli.Tests;

/// <summary><c>kaleido generate</c> end to end on the committed tiny packages (few steps: the weights are random anyway).</summary>
public sealed class GenerateCommandTests
{
    const string Prompt = "a red circle above a blue square";

    static CliRunner.Result Generate(TempFolder folder, params string[] extra) =>
        CliRunner.RunIn(folder.Path, ["generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", .. extra]);

    [Fact]
    public void Writes_each_image_with_its_metadata_and_latents_file_and_a_contact_sheet()
    {
        using var folder = new TempFolder();
        var result = Generate(folder, "--count", "2", "--seed", "5", "--cfg", "3");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        string[] files = Directory.GetFiles(folder["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(
            ["contact-sheet.png", "contact-sheet.txt", "kaleido-manifest.jsonl", "line-1-0000.latents.json", "line-1-0000.png",
             "line-1-0001.latents.json", "line-1-0001.png"],
            files);

        for (int index = 0; index < 2; index++)
        {
            string stem = folder[$"out/line-1-{index:D4}"];
            LatentsDocument latents = LatentsDocumentReader.Read(File.ReadAllText(stem + ".latents.json"));
            ImageMetadata metadata = PngMetadataReader.Read(stem + ".png");
            // A prompt given on the command line is line 1 of a one-line file: its seed derives from (5, "1").
            ulong seed = Kaleido.Cli.Requests.SeedDerivation.Derive(5, "1");
            Assert.Equal(new ImageMetadata(Prompt, seed, index, 4, "ddim", 3.0, "tiny-kaleido", LatentsDocumentWriter.Write(latents, indented: false))
            {
                GuidanceCutoff = 130,
                BaseSeed = 5,
                PackageSha256 = PackageSha256(),
                KaleidoVersion = Usage.Version,
            }, metadata);
            Assert.Equal((Prompt, "tiny-kaleido", seed, 5UL, index), (latents.Prompt, latents.ModelId, latents.Seed!.Value, latents.BaseSeed!.Value, latents.Index!.Value));
            Assert.Equal(new SamplingSettings { Steps = 4, Sampler = "ddim", Guidance = 3, GuidanceCutoff = 130, Eta = 0, Temperature = 1, TopP = 1 }, latents.Sampling);
            Assert.Contains($"{stem}.png  seed 5 (image seed {seed})  index {index}  latents: {latents.Latents.ToText()}", result.Out);
        }

        // Two 16-pixel tiles, each enlarged 8 times to 128, side by side with 4 px padding (docs/imaging.md).
        var sheet = Image.Identify(folder["out/contact-sheet.png"]);
        Assert.Equal((4 + 2 * (128 + 4), 4 + 1 * (128 + 4)), (sheet.Width, sheet.Height));
        string text = File.ReadAllText(folder["out/contact-sheet.txt"]);
        for (int index = 0; index < 2; index++)
        {
            var latents = LatentsDocumentReader.Read(File.ReadAllText(folder[$"out/line-1-{index:D4}.latents.json"]));
            Assert.Contains($"{index + 1}. row 1, column {index + 1}: line-1-{index:D4}.png\n   latents (text): {latents.Latents.ToText()}\n", text);
        }
        Assert.Empty(Directory.GetFiles(folder["out"], "*.tmp"));
    }

    [Fact]
    public void A_batch_size_writes_the_same_files_and_a_run_with_another_skips_them()
    {
        using var folder = new TempFolder();
        var one = CliRunner.RunIn(folder.Path, ["generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", "--count", "5", "--seed", "2", "--out", "b1"]);
        var three = CliRunner.RunIn(folder.Path, ["generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", "--count", "5", "--seed", "2", "--out", "b3", "--batch-size", "3"]);
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (one.ExitCode, three.ExitCode));
        OutputFolders.AssertSame(folder["b1"], folder["b3"], "line-1-0004.png", "--batch-size 1 and 3");

        // B is not a setting of the files: the same run with B = 2 into the B = 1 folder finds all five done.
        var again = CliRunner.RunIn(folder.Path, ["generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4", "--count", "5", "--seed", "2", "--out", "b1", "--batch-size", "2"]);
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains("(5 skipped: already there with the same settings)", again.Out);
    }

    [Fact]
    public void The_thread_count_does_not_change_a_byte()
    {
        // The default picks the threads by the idle CPUs when the model loads (IntraOpThreading), so the same
        // command may run with 1 thread now and 2 later: the files must not notice.
        using var folder = new TempFolder();
        foreach (string threads in new[] { "1", "2", "0" })
            Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, ["generate", Prompt, "--model", Fixtures.TinyKaleido, "--steps", "4",
                "--count", "3", "--seed", "6", "--threads", threads, "--out", "t" + threads]).ExitCode);
        OutputFolders.AssertSame(folder["t1"], folder["t2"], "line-1-0002.png", "--threads 1 and 2");
        OutputFolders.AssertSame(folder["t1"], folder["t0"], "line-1-0002.png", "--threads 1 and the default");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public void A_batch_size_out_of_range_exits_2_naming_the_option(string value)
    {
        using var folder = new TempFolder();
        var result = Generate(folder, "--batch-size", value);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--batch-size is {value}; expected an integer from 1 to 64.", result.Error);
        Assert.False(Directory.Exists(folder["out"]));
    }

    static string PackageSha256() => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Fixtures.TinyKaleido, "kaleido.json"))));

    [Fact]
    public void Image_2_of_a_run_of_four_is_byte_identical_to_image_2_made_alone()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Generate(folder, "--count", "4", "--seed", "7", "--out", "four", "-q").ExitCode);
        Assert.Equal(ExitCodes.Ok, Generate(folder, "--count", "1", "--start-index", "2", "--seed", "7", "--out", "alone", "-q").ExitCode);

        Assert.Equal(["line-1-0002.latents.json", "line-1-0002.png"],
            Directory.GetFiles(folder["alone"], "line-*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(folder["four/line-1-0002.png"]), File.ReadAllBytes(folder["alone/line-1-0002.png"]));
        Assert.Equal(File.ReadAllBytes(folder["four/line-1-0002.latents.json"]), File.ReadAllBytes(folder["alone/line-1-0002.latents.json"]));
        Assert.NotEqual(File.ReadAllBytes(folder["four/line-1-0001.png"]), File.ReadAllBytes(folder["four/line-1-0002.png"]));
    }

    [Fact]
    public void A_prompt_file_names_files_by_record_id_and_index()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["p.txt"], "# two records\n{\"id\": \"cat one\", \"prompt\": \"a cat\", \"count\": 2}\na dog\n");
        var result = CliRunner.RunIn(folder.Path, "generate", "--prompts", "p.txt", "--model", Fixtures.TinyKaleido, "--steps", "2", "--start-index", "3", "-q");

        Assert.Equal((ExitCodes.Ok, "", ""), (result.ExitCode, result.Out, result.Error));
        Assert.Equal(["cat_one-0003.png", "cat_one-0004.png", "line-3-0003.png"],
            Directory.GetFiles(folder["out"], "*-0*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("a dog", PngMetadataReader.Read(folder["out/line-3-0003.png"]).Prompt);
    }

    [Fact]
    public void A_baseline_package_writes_images_without_latents_files()
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "generate", Prompt, "--model", Fixtures.TinyBaseline, "--steps", "3", "--count", "2", "-q");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Empty(Directory.GetFiles(folder["out"], "*.latents.json"));
        Assert.Null(PngMetadataReader.Read(folder["out/line-1-0001.png"]).Latents);
        Assert.DoesNotContain("latents (", File.ReadAllText(folder["out/contact-sheet.txt"]));
    }

    [Fact]
    public void Json_prints_one_object_per_image_then_one_for_the_run()
    {
        using var folder = new TempFolder();
        var result = Generate(folder, "--count", "2", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        for (int index = 0; index < 2; index++)
        {
            using var image = JsonDocument.Parse(lines[index]);
            JsonElement o = image.RootElement;
            Assert.Equal("image", o.GetProperty("type").GetString());
            string png = o.GetProperty("png").GetString()!;
            Assert.Equal(folder[$"out/line-1-{index:D4}.png"], png);
            Assert.Equal(folder[$"out/line-1-{index:D4}.latents.json"], o.GetProperty("latentsFile").GetString());
            ImageMetadata m = PngMetadataReader.Read(png);
            Assert.Equal((m.Prompt, m.Seed, m.Index, m.Steps, m.Sampler, m.Guidance, m.ModelId),
                (o.GetProperty("prompt").GetString(), o.GetProperty("seed").GetUInt64(), o.GetProperty("index").GetInt32(),
                 o.GetProperty("steps").GetInt32(), o.GetProperty("sampler").GetString(), o.GetProperty("guidance").GetDouble(),
                 o.GetProperty("modelId").GetString()));
            Assert.Equal(LatentsDocumentReader.Read(m.Latents!).Latents.ToText(), o.GetProperty("latents").GetString());
        }
        using var run = JsonDocument.Parse(lines[2]);
        Assert.Equal("run", run.RootElement.GetProperty("type").GetString());
        Assert.Equal(2, run.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(folder["out/contact-sheet.png"], run.RootElement.GetProperty("contactSheet").GetString());
    }
}

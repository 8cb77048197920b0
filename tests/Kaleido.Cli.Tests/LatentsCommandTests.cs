using Kaleido.Runtime.Latents;

namespace Kaleido.Cli.Tests;

public sealed class LatentsCommandTests
{
    const string Prompt = "a red circle above a blue square";

    [Fact]
    public void Json_prints_the_documents_generate_writes_and_out_saves_them()
    {
        using var folder = new TempFolder();
        string[] common = ["--model", Fixtures.TinyKaleido, "--steps", "3", "--count", "2", "--seed", "11"];
        Assert.Equal(ExitCodes.Ok, CliRunner.RunIn(folder.Path, ["generate", Prompt, .. common, "--out", "gen", "-q"]).ExitCode);
        var printed = CliRunner.RunIn(folder.Path, ["latents", Prompt, .. common, "--json"]);
        var saved = CliRunner.RunIn(folder.Path, ["latents", Prompt, .. common, "--out", "lat"]);

        Assert.Equal((ExitCodes.Ok, ""), (printed.ExitCode, printed.Error));
        string[] lines = printed.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        for (int index = 0; index < 2; index++)
        {
            string name = $"line-1-{index:D4}.latents.json";
            string generated = File.ReadAllText(Path.Combine(folder["gen"], name));
            Assert.Equal(LatentsDocumentWriter.Write(LatentsDocumentReader.Read(generated), indented: false), lines[index]);
            Assert.Equal(generated, File.ReadAllText(Path.Combine(folder["lat"], name)));
            string text = LatentsDocumentReader.Read(generated).Latents.ToText();
            Assert.Contains($"{Path.Combine(folder["lat"], name)}: {text}", saved.Out);
        }
        Assert.Empty(Directory.GetFiles(folder["lat"], "*.png"));
    }

    [Fact]
    public void Max_latent_tokens_cuts_the_draw_short_and_the_document_records_the_limit()
    {
        using var folder = new TempFolder();
        string[] common = ["latents", Prompt, "--model", Fixtures.TinyKaleido, "--seed", "5", "--json"];
        var full = CliRunner.RunIn(folder.Path, common);
        var cut = CliRunner.RunIn(folder.Path, [.. common, "--max-latent-tokens", "4"]);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (full.ExitCode, cut.ExitCode));
        LatentsDocument fullDocument = LatentsDocumentReader.Read(full.Out.Trim());
        LatentsDocument cutDocument = LatentsDocumentReader.Read(cut.Out.Trim());
        Assert.Null(fullDocument.Sampling!.MaxLatentTokens);
        Assert.Equal(4, cutDocument.Sampling!.MaxLatentTokens);
        // Same seed, same draws: the cut text is the start of the full one.
        string fullText = fullDocument.Latents.ToText(), cutText = cutDocument.Latents.ToText();
        Assert.True(cutText.Length < fullText.Length, $"'{cutText}' should be shorter than '{fullText}'.");
        Assert.StartsWith(cutText, fullText, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_out_it_prints_text_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "latents", Prompt, "--model", Fixtures.TinyKaleido);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("line-1-0000: ", result.Out);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_baseline_package_has_no_latents_to_sample()
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "latents", Prompt, "--model", Fixtures.TinyBaseline);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("kaleido: error: Model 'tiny-baseline' is a baseline model: it has no latent prior to sample.", result.Error.TrimEnd());
    }
}

using System.Text.Json;
using Kaleido.Cli.Commands;
using Kaleido.Runtime.Imaging;

namespace Kaleido.Cli.Tests;

/// <summary>The System.CommandLine-based parser: verb list, per-verb help, "did you mean", and the spellings that stay.</summary>
public sealed class CommandLineTests
{
    static readonly string[] Verbs = ["generate", "latents", "render", "info", "bench", "serve", "merge"];

    [Fact]
    public void Bare_kaleido_lists_the_verbs_on_stderr_and_exits_2()
    {
        var result = CliRunner.Run();

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Out);
        foreach (string verb in Verbs)
            Assert.Contains(verb, result.Error);
        Assert.Equal(Verbs, Program.CreateVerbs().Select(v => v.Name));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Generate_help_shows_a_usage_line_and_the_options(string help)
    {
        var result = CliRunner.Run("generate", help);

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        string[] lines = result.Out.Split(Environment.NewLine);
        Assert.Contains("Usage: kaleido generate [PROMPT] [options]", lines);
        foreach (string option in new[] { "-s, --seed=N", "--cfg=W", "--steps=N", "-n, --count=N", "-m, --model=DIR", "-o, --out=DIR",
                     "--prompts=FILE", "--truncate", "-q, --quiet", "--json", "-h, --help", "--version" })
            Assert.Contains(lines, line => line.StartsWith("  ", StringComparison.Ordinal) && line.Contains(option, StringComparison.Ordinal));
        // The help wraps to the terminal width, so compare the text with its line breaks folded.
        string text = System.Text.RegularExpressions.Regex.Replace(result.Out, @"\s+", " ");
        Assert.Contains("Classifier-free guidance weight (1 turns guidance off). Default: 7.", text);
    }

    [Theory]
    [InlineData("render", "Usage: kaleido render [LATENTS.json|IMAGE.png|FOLDER|BATCH.jsonl] [options]")]
    [InlineData("info", "Usage: kaleido info [IMAGE.png] [options]")]
    [InlineData("bench", "Usage: kaleido bench [options]")]
    [InlineData("latents", "Usage: kaleido latents [PROMPT] [options]")]
    [InlineData("serve", "Usage: kaleido serve [options]")]
    [InlineData("merge", "Usage: kaleido merge [OUT] [options]")]
    public void Every_verb_has_a_usage_line(string verb, string usage)
    {
        var result = CliRunner.Run(verb, "-h");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(usage, result.Out.Split(Environment.NewLine));
    }

    [Fact]
    public void An_unknown_option_exits_2_and_suggests_the_nearest()
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "generate", "a red circle", "--seeed", "3");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Out);
        string[] lines = result.Error.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["kaleido: error: Option 'seeed' is unknown. Did you mean '--seed'?", "Run 'kaleido generate --help' for usage."], lines);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void An_unknown_verb_suggests_the_nearest()
    {
        var result = CliRunner.Run("genrate");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.EndsWith("Did you mean 'generate'?", result.Error.Split(Environment.NewLine)[0]);
    }

    [Fact]
    public void After_a_double_dash_a_leading_dash_is_part_of_the_prompt_not_an_option()
    {
        var verb = GenerateOptions.CreateVerb();
        GenerateOptions options = verb.Bind(verb.Command.Parse(["-s", "4", "--", "--not-an-option"]));

        Assert.Equal(["--not-an-option"], options.Arguments);
        Assert.Equal(new Kaleido.Cli.Requests.SeedChoice(4), options.Seed);
    }

    [Theory]
    [InlineData("--cfg", "2.5")]
    [InlineData("--cfg=2.5", null)]
    public void Cfg_is_read_as_the_guidance_weight(string option, string? value)
    {
        var generate = GenerateOptions.CreateVerb();
        string[] args = value is null ? ["a", option] : ["a", option, value];
        Assert.Equal(2.5f, generate.Bind(generate.Command.Parse(args)).ToSettings().Guidance);

        var render = RenderOptions.CreateVerb();
        Assert.Equal(2.5, render.Bind(render.Command.Parse(value is null ? ["x.latents.json", option] : ["x.latents.json", option, value])).Cfg);
    }

    [Fact]
    public void Cfg_on_the_command_line_is_the_guidance_of_the_png_and_the_json()
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, "generate", "a red circle", "--model", Fixtures.TinyKaleido, "--steps", "2", "--cfg=2.5", "--json");

        Assert.Equal((ExitCodes.Ok, ""), (result.ExitCode, result.Error));
        using var image = JsonDocument.Parse(result.Out.Split(Environment.NewLine)[0]);
        Assert.Equal(2.5, image.RootElement.GetProperty("guidance").GetDouble());
        Assert.Equal(2.5, PngMetadataReader.Read(image.RootElement.GetProperty("png").GetString()!).Guidance);
    }

    [Theory]
    [InlineData(new[] { "generate", "a", "--steps", "many" }, "kaleido: error: Option 'steps' is defined with a bad format.")]
    [InlineData(new[] { "generate", "a", "--seed", "-1" },
        "kaleido: error: --seed is '-1'; expected an integer from 0 to 18446744073709551615 (2^64 - 1), or 'random'.")]
    [InlineData(new[] { "generate", "a", "--seed", "18446744073709551616" },
        "kaleido: error: --seed is '18446744073709551616'; expected an integer from 0 to 18446744073709551615 (2^64 - 1), or 'random'.")]
    [InlineData(new[] { "render", "x.latents.json", "--seed", "Random" },
        "kaleido: error: --seed is 'Random'; expected an integer from 0 to 18446744073709551615 (2^64 - 1), or 'random'.")]
    [InlineData(new[] { "generate", "a", "--steps", "2", "--steps", "3" }, "kaleido: error: Option 'steps' is defined multiple times.")]
    [InlineData(new[] { "info", "@args.txt" }, "kaleido: error: unexpected argument '@args.txt' (options start with '-').")]
    [InlineData(new[] { "help", "nosuch" }, "kaleido: error: unknown verb 'nosuch'; expected one of:")]
    public void Other_argument_mistakes_exit_2_with_one_message(string[] args, string message)
    {
        using var folder = new TempFolder();
        var result = CliRunner.RunIn(folder.Path, args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith(message, result.Error);
        Assert.False(CliRunner.HasStackTrace(result.Error));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Help_verb_and_version_option_work_after_a_verb()
    {
        Assert.Equal(CliRunner.Run("render", "--help"), CliRunner.Run("help", "render"));
        Assert.Equal(CliRunner.Run("--version"), CliRunner.Run("bench", "--version"));
    }
}

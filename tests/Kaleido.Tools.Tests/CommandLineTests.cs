using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Evaluation;
using Kaleido.Tools.Grounding;
using Kaleido.Tools.Sweep;
using Kaleido.Tools.Tests.Tokenizer;
using Kaleido.Tools.Tokenizer;

namespace Kaleido.Tools.Tests;

/// <summary>
/// The command line of <c>kaleido-tools</c> (System.CommandLine): spellings, defaults, help, and the exit code of a
/// command line that does not parse. Nothing here runs a verb's work.
/// </summary>
public sealed class CommandLineTests
{
    static readonly string[] Verbs = ["tokenizer", "dataset", "quality", "sweep"];

    /// <summary>Runs the tool with its output and error captured.</summary>
    static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("tokenizer", "--corpus", "--out", "--vocab-size", "--codebook", "--min-pair-count")]
    [InlineData("dataset", "--out", "--count", "--seed", "--size", "--codebook-size", "--kmeans-iterations")]
    [InlineData("quality", "--model", "--captions", "--seeds", "--steps", "--sampler", "--guidance", "--guidance-cutoff", "--latents", "--count", "--json")]
    [InlineData("grounding", "--model", "--latents", "--count", "--steps", "--sampler", "--guidance", "--guidance-cutoff", "--json")]
    [InlineData("sweep", "--kaleido", "--baseline", "--features", "--real", "--out", "--captions", "--samples-per-caption", "--guidance", "--steps", "--real-count", "--sampler")]
    [InlineData("sweep-report", "--results", "--out")]
    [InlineData("steps-report", "--results", "--out")]
    public void VerbHelp_ListsEveryOption_AndExitsOk(string verb, params string[] options)
    {
        foreach (string[] args in new[] { new[] { verb, "--help" }, [verb, "-h"], ["help", verb] })
        {
            var (code, output, error) = Run(args);

            Assert.Equal(ExitCodes.Ok, code);
            Assert.Equal("", error);
            Assert.Contains($"kaleido-tools {verb} [options]", output);
            foreach (string option in options)
                Assert.Contains($"  {option} ", output);
            Assert.Contains("--help", output);
            Assert.Contains("--version", output);
        }
    }

    [Fact]
    public void VerbHelp_KeepsTheHelpTexts_AndShowsDefaultsAndRequiredOptions()
    {
        var (_, output, _) = Run("dataset", "--help");

        Assert.Contains("Generate the synthetic shapes dataset: PNG images, captions and ground-truth latents of every kind.", output);
        Assert.Contains("Random seed (0 to 18446744073709551615); the same seed gives the same files.", output);
        Assert.Matches(@"--count <count> \(REQUIRED\)\s+Number of images\.", output);
        Assert.Matches(@"--size <size>\s+Image width and height in pixels, a multiple of 32\. \[default: 32\]", output);

        (_, output, _) = Run("quality", "--help");
        Assert.Contains("Classifier-free guidance scale w. [default: 7]", output); // the runtime's default (DenoiseLoopSettings)
        (_, output, _) = Run("sweep", "--help");
        Assert.Contains("Comma-separated guidance scales w. [default: 1,2,4,7]", output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_ListsTheVerbs_AndExitsOk(string help)
    {
        var (code, output, error) = Run(help);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        foreach (string verb in Verbs)
            Assert.Matches($@"(?m)^  {verb}\s+\S", output);
    }

    [Fact]
    public void BareCall_ListsTheVerbs_AndExitsWithBadInput_AsCommandLineParserDid()
    {
        var (code, output, error) = Run();

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Required command was not provided.", error);
        foreach (string verb in Verbs)
            Assert.Matches($@"(?m)^  {verb}\s+\S", output);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    [InlineData("dataset", "--version")]
    public void Version_PrintsTheVersion_AndExitsOk(params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }

    [Fact]
    public void UnknownOption_ExitsWithBadInput_NamingIt_AndSuggestsTheNearestSpelling()
    {
        string folder = TempDirectory.Create();
        try
        {
            string data = Path.Combine(folder, "data");
            var (code, output, error) = Run("dataset", "--out", data, "--count", "2", "--seed", "1", "--codebok-size", "8");

            Assert.Equal(ExitCodes.BadInput, code);
            // Its value is unmatched too: "Unrecognized command or argument '8'." follows.
            Assert.StartsWith("Unrecognized command or argument '--codebok-size'.\n", error);
            // System.CommandLine writes its suggestions, then the verb's usage, to the output.
            Assert.StartsWith("'--codebok-size' was not matched. Did you mean one of the following?\n--codebook-size\n", output);
            Assert.Contains("kaleido-tools dataset [options]", output);
            Assert.DoesNotContain("   at ", output + error);
            Assert.False(Directory.Exists(data), "A command line that does not parse must not run the verb.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UnknownVerb_ExitsWithBadInput_AndSuggestsTheVerb()
    {
        var (code, output, error) = Run("datset", "--count", "2");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Unrecognized command or argument 'datset'.", error);
        Assert.StartsWith("'datset' was not matched. Did you mean one of the following?\ndataset\n", output);
    }

    [Theory]
    [InlineData("--corpus", "tokenizer", "--corpus", "c.txt", "--out", "o", "--vocab-size", "400", "--codebook", "32")]
    [InlineData("--out", "tokenizer", "--corpus", "c.txt", "--out", "o", "--vocab-size", "400", "--codebook", "32")]
    [InlineData("--vocab-size", "tokenizer", "--corpus", "c.txt", "--out", "o", "--vocab-size", "400", "--codebook", "32")]
    [InlineData("--codebook", "tokenizer", "--corpus", "c.txt", "--out", "o", "--vocab-size", "400", "--codebook", "32")]
    [InlineData("--out", "dataset", "--out", "o", "--count", "2", "--seed", "1")]
    [InlineData("--count", "dataset", "--out", "o", "--count", "2", "--seed", "1")]
    [InlineData("--seed", "dataset", "--out", "o", "--count", "2", "--seed", "1")]
    [InlineData("--model", "quality", "--model", "m", "--seeds", "1")]
    [InlineData("--kaleido", "sweep", "--kaleido", "k", "--baseline", "b", "--features", "f", "--real", "r", "--out", "o")]
    [InlineData("--features", "sweep", "--kaleido", "k", "--baseline", "b", "--features", "f", "--real", "r", "--out", "o")]
    [InlineData("--real", "sweep", "--kaleido", "k", "--baseline", "b", "--features", "f", "--real", "r", "--out", "o")]
    [InlineData("--out", "sweep", "--kaleido", "k", "--baseline", "b", "--features", "f", "--real", "r", "--out", "o")]
    public void MissingRequiredOption_IsRefused_NamingIt(string missing, params string[] complete)
    {
        Assert.NotNull(Program.Parse(complete));
        int at = Array.IndexOf(complete, missing);
        string[] args = [.. complete[..at], .. complete[(at + 2)..]];

        var (code, _, error) = Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"Option '{missing}' is required.", error.Trim());
        Assert.Null(Program.Parse(args));
    }

    [Theory]
    [InlineData("--count", "dataset", "--out", "o", "--count", "many", "--seed", "1")]
    [InlineData("--seed", "dataset", "--out", "o", "--count", "2", "--seed", "-1")]
    [InlineData("--guidance", "quality", "--model", "m", "--guidance", "strong")]
    [InlineData("--steps", "sweep", "--kaleido", "k", "--baseline", "b", "--features", "f", "--real", "r", "--out", "o", "--steps", "4.5")]
    public void MalformedValue_IsRefused_NamingTheOption(string option, params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"for option '{option}'", error);
    }

    [Fact]
    public void MissingValue_IsRefused_NamingTheOption()
    {
        var (code, _, error) = Run("dataset", "--out", "o", "--seed", "1", "--count");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("'--count'", error);
    }

    [Fact]
    public void Grounding_Defaults_AreTheRuntimes_AndEveryOptionReachesItsProperty()
    {
        var defaults = Assert.IsType<GroundingOptions>(Program.Parse(["grounding", "--model", "m", "--latents", "l.jsonl"]));
        Assert.Equal((DenoiseLoopSettings.DefaultSampler, DenoiseLoopSettings.DefaultSteps, DenoiseLoopSettings.DefaultGuidance, DenoiseLoopSettings.DefaultGuidanceCutoff),
            (defaults.Sampler, defaults.Steps, defaults.Guidance, defaults.GuidanceCutoff));

        var options = Assert.IsType<GroundingOptions>(Program.Parse(
            ["grounding", "--model", "m", "--latents", "l.jsonl", "--count", "9", "--sampler", "ddpm", "--steps", "250", "--guidance", "3.5", "--guidance-cutoff", "0", "--json"]));
        Assert.Equal(("m", "l.jsonl", 9, "ddpm", 250, 3.5f, 0, true),
            (options.Model, options.Latents, options.Count, options.Sampler, options.Steps, options.Guidance, options.GuidanceCutoff, options.Json));
    }

    [Fact]
    public void Dataset_Defaults_AreKept()
    {
        var options = Assert.IsType<DatasetOptions>(Program.Parse(["dataset", "--out", "o", "--count", "5", "--seed", "18446744073709551615"]));

        Assert.Equal(("o", 5, ulong.MaxValue), (options.Out, options.Count, options.Seed));
        Assert.Equal((32, 64, 25), (options.Size, options.CodebookSize, options.KMeansIterations));
    }

    [Fact]
    public void Dataset_EveryOption_ReachesItsProperty()
    {
        var options = Assert.IsType<DatasetOptions>(Program.Parse(
            ["dataset", "--kmeans-iterations", "7", "--codebook-size", "16", "--size=64", "--seed", "3", "--count", "11", "--out", "dir"]));

        Assert.Equal(("dir", 11, 3UL, 64, 16, 7), (options.Out, options.Count, options.Seed, options.Size, options.CodebookSize, options.KMeansIterations));
    }

    [Fact]
    public void Tokenizer_Defaults_AndEveryOption()
    {
        var options = Assert.IsType<TokenizerOptions>(Program.Parse(["tokenizer", "--corpus", "c.txt", "--out", "o", "--vocab-size", "400", "--codebook", "32"]));
        Assert.Equal(("c.txt", "o", 400, 32, 2), (options.Corpus, options.Out, options.VocabSize, options.Codebook, options.MinPairCount));

        options = Assert.IsType<TokenizerOptions>(Program.Parse(["tokenizer", "--corpus", "c.txt", "--out", "o", "--vocab-size", "400", "--codebook", "32", "--min-pair-count", "5"]));
        Assert.Equal(5, options.MinPairCount);
    }

    [Fact]
    public void Quality_Defaults_AndEveryOption()
    {
        var options = Assert.IsType<QualityOptions>(Program.Parse(["quality", "--model", "m"]));
        Assert.Equal(("m", null, 3, DenoiseLoopSettings.DefaultSteps, DenoiseLoopSettings.DefaultGuidance), (options.Model, options.Captions, options.Seeds, options.Steps, options.Guidance));
        Assert.Equal((null, 36, false), (options.Latents, options.Count, options.Json));

        options = Assert.IsType<QualityOptions>(Program.Parse(
            ["quality", "--model", "m", "--captions", "c.txt", "--seeds", "2", "--steps", "9", "--guidance", "2.5", "--latents", "l.jsonl", "--count", "4", "--json"]));
        Assert.Equal(("m", "c.txt", 2, 9, 2.5f), (options.Model, options.Captions, options.Seeds, options.Steps, options.Guidance));
        Assert.Equal(("l.jsonl", 4, true), (options.Latents, options.Count, options.Json));
    }

    [Fact]
    public void Sweep_Defaults_AndEveryOption()
    {
        string[] required = ["sweep", "--kaleido", "k", "--baseline", "b", "--features", "f", "--real", "r", "--out", "o"];
        var options = Assert.IsType<SweepOptions>(Program.Parse(required));
        Assert.Equal(("k", "b", "f", "r", "o"), (options.Kaleido, options.Baseline, options.Features, options.Real, options.Out));
        Assert.Equal((8, 4, "1,2,4,7", 50, 2000, 0), (options.Captions, options.SamplesPerCaption, options.Guidance, options.Steps, options.RealCount, options.Threads));

        options = Assert.IsType<SweepOptions>(Program.Parse(
            [.. required, "--captions", "2", "--samples-per-caption", "3", "--guidance", "1,7", "--steps", "4", "--real-count", "200", "--threads", "1"]));
        Assert.Equal((2, 3, "1,7", 4, 200, 1), (options.Captions, options.SamplesPerCaption, options.Guidance, options.Steps, options.RealCount, options.Threads));
    }

    [Fact]
    public void Parse_OfHelpOrARefusedLine_IsNull_AndRunsNothing()
    {
        Assert.Null(Program.Parse(["dataset", "--help"]));
        Assert.Null(Program.Parse(["dataset", "--out", "o", "--count", "2", "--seed", "1", "--bogus"]));
        Assert.Null(Program.Parse([]));
    }

    [Fact]
    public void AnAtSign_IsAPlainValue_NotAResponseFile()
    {
        var options = Assert.IsType<QualityOptions>(Program.Parse(["quality", "--model", "@models/m"]));

        Assert.Equal("@models/m", options.Model);
    }
}

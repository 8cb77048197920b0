using Kaleido.Export.Evaluation;
using Kaleido.Export.Packaging;
using Kaleido.Export.Toy;
using Kaleido.Export.Training;

namespace Kaleido.Export.Tests;

/// <summary>Every export command's option mistakes: exit code 2 and one message naming the option; --help exits 0.</summary>
public sealed class CommandLineTests
{
    static (int Code, string Output, string Error) Run(string command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = command switch
        {
            "train" => TrainingCommand.Run(args, output, error),
            "toy" => ToyCommand.Run(args, output, error),
            "evaluate-classifier" => EvaluationCommand.Run(args, output, error),
            _ => throw new ArgumentException(command),
        };
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("train", "--stage prior --manifest m --tokenizer t --out o --colour red", "Unknown option '--colour'")]
    [InlineData("train", "--stage prior --manifest m --tokenizer t --out o --steps", "Option --steps needs a value")]
    [InlineData("train", "--stage prior --manifest m --tokenizer t --out --steps 3", "Option --out needs a value")]
    [InlineData("train", "--stage prior --manifest m --tokenizer t", "Option --out <DIR> is required")]
    [InlineData("train", "--stage prior --manifest m --tokenizer t --out o --seed 1 --seed 2", "Option --seed is given twice")]
    [InlineData("train", "--stage prior --manifest m --tokenizer t --out o --model huge", "'huge'")]
    [InlineData("evaluate-classifier", "--manifest m --out o --colour red", "Unknown option '--colour'")]
    [InlineData("evaluate-classifier", "--manifest m --out", "Option --out needs a value")]
    [InlineData("evaluate-classifier", "--manifest m --out o --steps 0", "--steps takes a whole number in 1..10000000")]
    [InlineData("toy", "--out o --threads", "Option --threads needs a value")]
    public void Mistakes_exit_2_with_one_line_naming_the_option(string command, string line, string expected)
    {
        var (code, output, error) = Run(command, line.Split(' '));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(" at ", error);
    }

    [Theory]
    [InlineData("package", "--tokenizer t --out o --random-seed 1 --colour red", "package: unknown option --colour")]
    [InlineData("package", "--tokenizer t --random-seed 1 --out", "package: Option --out needs a value")]
    [InlineData("package", "--tokenizer t --out o --random-seed 1 --denoiser-weights fp8", "'fp8'")]
    [InlineData("fixtures", "--out", "fixtures: Option --out needs a value")]
    [InlineData("fixtures", "--out a --colour red", "fixtures: unknown option --colour")]
    [InlineData("fixtures", "", "fixtures: Option --out is required")]
    public void Package_and_fixtures_mistakes_exit_2_naming_the_option(string command, string line, string expected)
    {
        string[] args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var e = Assert.Throws<ExportInputException>(() => CommandOptions.Parse(command, args));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Equal(2, Program.Main([command, .. args]));
    }

    [Theory]
    [InlineData("train", "usage: kaleido-export train")]
    [InlineData("toy", "usage: kaleido-export toy")]
    [InlineData("evaluate-classifier", "usage: kaleido-export evaluate-classifier")]
    public void Help_lists_the_options_and_exits_0(string command, string usage)
    {
        var (code, output, error) = Run(command, "--help");
        Assert.Equal(0, code);
        Assert.StartsWith(usage, output);
        Assert.Contains("--out", output);
        Assert.Empty(error);
    }

    [Fact]
    public void Package_help_is_a_request_not_a_mistake()
    {
        Assert.True(CommandOptions.Parse("package", ["--help"]).HelpRequested);
        Assert.True(CommandOptions.Parse("fixtures", ["-h"]).HelpRequested);
        var help = new StringWriter();
        CommandOptions.Parse("package", ["--help"]).WriteHelp(help);
        Assert.StartsWith("usage: kaleido-export package", help.ToString());
        Assert.Contains("--denoiser-weights", help.ToString());
    }
}

using Kaleido.Export.Toy;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyCommandTests
{
    static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ToyCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Help_prints_usage_and_succeeds()
    {
        var (code, output, error) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("usage: kaleido-export toy --out <folder>", output);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData(new string[0], "--out <folder> is required")]
    [InlineData(new[] { "--out" }, "Option --out needs a value")]
    [InlineData(new[] { "--out", "x", "--seed", "-3" }, "Option --seed takes a whole number >= 0; got '-3'")]
    [InlineData(new[] { "--out", "x", "--sampling-steps", "1001" }, "Option --sampling-steps takes a whole number in 1..1000; got '1001'")]
    [InlineData(new[] { "--out", "x", "--guidance", "1,two" }, "Option --guidance takes comma-separated numbers")]
    [InlineData(new[] { "--out", "x", "--colour", "red" }, "Unknown option '--colour'")]
    [InlineData(new[] { "stray" }, "Unexpected argument 'stray'")]
    public void Bad_arguments_give_one_error_line_and_exit_code_2(string[] args, string message)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Options_reach_the_experiment_settings()
    {
        var options = ToyCommandOptions.Parse(
            ["--out", "o", "--seed", "5", "--guidance", "1, 2.5", "--samples-per-class", "10", "--sampling-steps", "50", "--train-steps", "7", "--threads", "2"]);
        Assert.Equal("o", options.OutputDirectory);
        Assert.Equal(5UL, options.Experiment.Seed);
        Assert.Equal([1f, 2.5f], options.Experiment.GuidanceScales);
        Assert.Equal(10, options.Experiment.SamplesPerClass);
        Assert.Equal(50, options.Experiment.SamplingSteps);
        Assert.Equal(7, options.Experiment.Training.DenoiserSteps);
        Assert.Equal(2, options.Threads);
    }

    [Fact]
    public void Options_not_given_keep_the_experiment_defaults()
    {
        var options = ToyCommandOptions.Parse(["--out", "o"]);
        var defaults = new ToyExperimentSettings();
        Assert.Equal(defaults.GuidanceScales, options.Experiment.GuidanceScales);
        Assert.Equal(defaults.Seed, options.Experiment.Seed);
        Assert.Equal(defaults.SamplesPerClass, options.Experiment.SamplesPerClass);
        Assert.Equal(defaults.SamplingSteps, options.Experiment.SamplingSteps);
        Assert.Equal(defaults.Training.DenoiserSteps, options.Experiment.Training.DenoiserSteps);
        Assert.Equal(1, options.Threads);
    }
}

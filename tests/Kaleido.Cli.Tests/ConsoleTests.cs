namespace Kaleido.Cli.Tests;

/// <summary>Tests that swap the process-wide Console writers; they must not run alongside each other.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection(nameof(ConsoleCollection))]
public sealed class ConsoleTests
{
    static (int Code, string Out, string Error) RunMain(params string[] args)
    {
        TextWriter previousOut = Console.Out, previousError = Console.Error;
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (Program.Main(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    [Fact]
    public void Main_writes_help_to_stdout()
    {
        var (code, output, error) = RunMain("--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("info", output);
        Assert.Contains("Exit codes:", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Main_writes_errors_to_stderr_only()
    {
        var (code, output, error) = RunMain("info", "--model", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        Assert.Equal(ExitCodes.BadPackage, code);
        Assert.Equal("", output);
        Assert.StartsWith("kaleido: error: Model package folder", error);
        Assert.False(CliRunner.HasStackTrace(error));
    }
}

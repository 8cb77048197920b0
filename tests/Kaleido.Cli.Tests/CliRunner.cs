namespace Kaleido.Cli.Tests;

/// <summary>Runs the tool in-process with its own writers, so tests need not touch the console.</summary>
static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result RunIn(string workingDirectory, params string[] args) => RunIn(workingDirectory, debug: false, args);

    public static Result RunIn(string workingDirectory, bool debug, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, new CommandContext(output, error, workingDirectory, debug));
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Like <see cref="RunIn(string, string[])"/>, with the output layer's disk (and a stop request) of the test's choosing.</summary>
    public static Result RunWith(string workingDirectory, Output.IOutputFileSystem fileSystem, CancellationToken stop, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, workingDirectory, Debug: false) { FileSystem = fileSystem, StopRequested = stop };
        int code = Program.Run(args, context);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Like <see cref="RunIn(string, string[])"/>, with the context changed first (its environment, say).</summary>
    public static Result RunWith(string workingDirectory, Func<CommandContext, CommandContext> change, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, change(new CommandContext(output, error, workingDirectory, Debug: false)));
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Result Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), args);

    /// <summary>True when <paramref name="text"/> holds a .NET stack frame ("   at Type.Method(").</summary>
    public static bool HasStackTrace(string text) =>
        text.Split('\n').Any(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && line.Contains('('));
}

namespace Kaleido.Cli.Tests;

public sealed class ErrorPathTests
{
    [Theory]
    [InlineData(new[] { "no-such-verb" }, "kaleido: error: unknown verb 'no-such-verb'; expected one of: generate, latents, render, info, bench, serve, merge, help, version.", "kaleido --help")]
    [InlineData(new string[0], "kaleido: error: no verb given; expected one of: generate, latents, render, info, bench, serve, merge, help, version.", "kaleido --help")]
    [InlineData(new[] { "info", "--no-such-option" }, "kaleido: error: Option 'no-such-option' is unknown.", "kaleido info --help")]
    [InlineData(new[] { "info", "--model" }, "kaleido: error: option '--model' needs a value.", "kaleido info --help")]
    [InlineData(new[] { "info", "-m", "--json" }, "kaleido: error: option '-m' needs a value.", "kaleido info --help")]
    [InlineData(new[] { "info", "models/x" }, "kaleido: error: unexpected argument 'models/x' (options start with '-').", "kaleido info --help")]
    [InlineData(new[] { "info", "--json=yes" }, "kaleido: error: unexpected argument 'yes'", "kaleido info --help")]
    public void Bad_arguments_exit_2_with_a_message_on_stderr_and_no_stack_trace(string[] args, string message, string help)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Out);
        string[] lines = result.Error.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith(message, lines[0]);
        Assert.Equal($"Run '{help}' for usage.", lines[^1]);
        Assert.False(CliRunner.HasStackTrace(result.Error));
    }

    [Fact]
    public void Internal_error_exits_70_with_a_short_message_and_no_trace()
    {
        var error = new StringWriter();
        int code = ErrorReporter.Report(Thrown(), new CommandContext(TextWriter.Null, error, "/", Debug: false));

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith("kaleido: internal error: InvalidOperationException: broken invariant", error.ToString());
        Assert.Contains("KALEIDO_DEBUG=1", error.ToString());
        Assert.False(CliRunner.HasStackTrace(error.ToString()));
    }

    [Fact]
    public void Internal_error_prints_the_trace_under_KALEIDO_DEBUG()
    {
        var error = new StringWriter();
        int code = ErrorReporter.Report(Thrown(), new CommandContext(TextWriter.Null, error, "/", Debug: true));

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.True(CliRunner.HasStackTrace(error.ToString()));
        Assert.Contains(nameof(Thrown), error.ToString());
    }

    [Fact]
    public void User_errors_map_to_their_codes_without_a_trace_even_under_debug()
    {
        var error = new StringWriter();
        var context = new CommandContext(TextWriter.Null, error, "/", Debug: true);

        Assert.Equal(ExitCodes.BadInput, ErrorReporter.Report(new Runtime.UserInputException("bad --steps"), context));
        Assert.Equal(ExitCodes.BadPackage, ErrorReporter.Report(new Runtime.Package.PackageException("bad package"), context));
        Assert.Equal($"kaleido: error: bad --steps{Environment.NewLine}kaleido: error: bad package{Environment.NewLine}", error.ToString());
    }

    static Exception Thrown()
    {
        try { throw new InvalidOperationException("broken invariant"); }
        catch (Exception e) { return e; }
    }
}

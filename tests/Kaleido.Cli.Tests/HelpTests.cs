namespace Kaleido.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public void Help_exits_zero_and_names_the_tool_verbs()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try { code = Program.Main(["--help"]); }
        finally { Console.SetOut(previous); }

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("version", output.ToString());
    }

    [Fact]
    public void Unknown_verb_is_bad_input()
    {
        var previous = Console.Out;
        Console.SetOut(TextWriter.Null);
        try { Assert.Equal(ExitCodes.BadInput, Program.Main(["no-such-verb"])); }
        finally { Console.SetOut(previous); }
    }
}

using System.Reflection;
using System.Text.RegularExpressions;

namespace Kaleido.Cli.Tests;

public sealed class HelpTests
{
    static IEnumerable<string> VerbNames() => Program.CreateVerbs().Select(v => v.Name);

    /// <summary>Every documented code, read from the constants themselves.</summary>
    public static IEnumerable<int> ExitCodeValues() =>
        typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (int)f.GetRawConstantValue()!);

    static void AssertListsEveryExitCode(string help)
    {
        string codes = help[help.IndexOf("Exit codes:", StringComparison.Ordinal)..];
        foreach (int code in ExitCodeValues())
            Assert.Matches(new Regex($@"(?m)^\s+{code}\s+\S"), codes);
    }

    [Fact]
    public void Help_lists_every_verb_and_every_exit_code_on_stdout()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.StartsWith("kaleido ", result.Out);
        string[] verbs = [.. VerbNames(), "help", "version"];
        Assert.Contains("info", verbs);
        foreach (string verb in verbs)
            Assert.Matches(new Regex($@"(?m)^\s+{verb}\s{{2,}}\S"), result.Out);
        AssertListsEveryExitCode(result.Out);
        Assert.Equal(10, ExitCodeValues().Distinct().Count());
    }

    [Theory]
    [InlineData("info", "--help")]
    [InlineData("help", "info")]
    public void Verb_help_lists_its_options_and_the_exit_codes(string first, string second)
    {
        var result = CliRunner.Run(first, second);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (string option in new[] { "--model=DIR", "--json", "--quiet", "models/kaleido-shapes" })
            Assert.Contains(option, result.Out);
        AssertListsEveryExitCode(result.Out);
    }

    [Fact]
    public void Version_prints_the_assembly_version()
    {
        string expected = typeof(Program).Assembly.GetName().Version!.ToString(3);
        Assert.Equal(new CliRunner.Result(ExitCodes.Ok, expected + Environment.NewLine, ""), CliRunner.Run("--version"));
        Assert.Equal(new CliRunner.Result(ExitCodes.Ok, expected + Environment.NewLine, ""), CliRunner.Run("version"));
    }

    [Fact]
    public void Every_exit_code_is_distinct_and_described_once()
    {
        Assert.Equal(ExitCodeValues().Order(), ExitCodes.Described.Select(d => d.Code).Order());
    }
}

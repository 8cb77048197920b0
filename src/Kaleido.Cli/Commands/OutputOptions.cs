using CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>Options shared by the verbs that print a result.</summary>
public abstract class OutputOptions : VerbOptions
{
    [Option('q', "quiet", HelpText = "Print nothing on success except --json output (errors still go to stderr).")]
    public bool Quiet { get; init; }

    [Option("json", HelpText = "Print results as JSON on stdout, one object per line (docs/cli.md).")]
    public bool Json { get; init; }
}

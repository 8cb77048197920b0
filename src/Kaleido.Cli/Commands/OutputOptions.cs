using System.CommandLine;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>Options shared by the verbs that print a result.</summary>
public abstract class OutputOptions : VerbOptions
{
    public bool Quiet { get; init; }

    public bool Json { get; init; }

    /// <summary>The options as spelled on the command line; a fresh set per verb.</summary>
    internal sealed class Spelling
    {
        public Option<bool> Quiet { get; } =
            CliOption.Flag("--quiet", 'q', "Print nothing on success except --json output (errors still go to stderr).");

        public Option<bool> Json { get; } =
            CliOption.Flag("--json", null, "Print results as JSON on stdout, one object per line (docs/cli.md).");

        public void AddTo(Command command)
        {
            command.Add(Quiet);
            command.Add(Json);
        }
    }
}

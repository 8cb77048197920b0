using System.CommandLine;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli.Commands;

/// <summary>Options shared by the verbs that print a result.</summary>
public abstract class OutputOptions : VerbOptions
{
    public bool Quiet { get; private set; }

    public bool Json { get; private set; }

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

        /// <summary>Sets these options' values on <paramref name="options"/>, which the verb's binder made.</summary>
        public TOptions Bind<TOptions>(ParseResult result, TOptions options) where TOptions : OutputOptions
        {
            OutputOptions target = options;
            target.Quiet = result.GetValue(Quiet);
            target.Json = result.GetValue(Json);
            return options;
        }
    }
}

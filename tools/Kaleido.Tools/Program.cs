using System.CommandLine;
using System.CommandLine.Invocation;
using Kaleido.Runtime;
using Kaleido.Runtime.Text;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Evaluation;
using Kaleido.Tools.Fidelity;
using Kaleido.Tools.Grounding;
using Kaleido.Tools.Sweep;
using Kaleido.Tools.Tokenizer;

namespace Kaleido.Tools;

/// <summary>Entry point of <c>kaleido-tools</c>: offline tools that prepare what the runtime loads.</summary>
public static class Program
{
    public const string Name = "kaleido-tools";

    /// <summary>Every spelling the tool reads as it is (no <c>@file</c> response files, unlike System.CommandLine's default).</summary>
    static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Parses <paramref name="args"/> and runs the verb. Help and <c>--version</c> exit <see cref="ExitCodes.Ok"/>;
    /// a command line that does not parse (no verb, an unknown verb or option, a missing or malformed value) prints
    /// System.CommandLine's error, its "did you mean" suggestions and the usage, and exits <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        RootCommand root = CreateRootCommand(options => options switch
        {
            TokenizerOptions tokenizer => RunReportingUserErrors(() => TokenizerCommand.Run(tokenizer, output), error),
            DatasetOptions dataset => RunReportingUserErrors(() => DatasetCommand.Run(dataset, output), error),
            QualityOptions quality => RunReportingUserErrors(() => QualityCommand.Run(quality, output), error),
            SweepOptions sweep => RunReportingUserErrors(() => SweepCommand.Run(sweep, output), error),
            SweepReportOptions report => RunReportingUserErrors(() => SweepCommand.Report(report, output), error),
            StepsReportOptions steps => RunReportingUserErrors(() => SweepCommand.Steps(steps, output), error),
            GroundingOptions grounding => RunReportingUserErrors(() => GroundingCommand.Run(grounding, output), error),
            FidelityOptions fidelity => RunReportingUserErrors(() => FidelityCommand.Run(fidelity, output), error),
            _ => throw new InvalidOperationException($"No handler for verb {options.GetType().Name}."),
        });
        ParseResult parsed = root.Parse(WithHelpAndVersionVerbs(args), Parsing);
        // No default exception handler: a bug still fails loudly, as before; user mistakes are caught per verb.
        int code = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return parsed.Action is ParseErrorAction ? ExitCodes.BadInput : code;
    }

    /// <summary>
    /// The typed options <paramref name="args"/> ask for (a <see cref="TokenizerOptions"/>, <see cref="DatasetOptions"/>,
    /// <see cref="QualityOptions"/> or <see cref="SweepOptions"/>), or null when the command line does not parse or asks
    /// for help or the version; runs no verb and writes nothing.
    /// </summary>
    public static object? Parse(IReadOnlyList<string> args)
    {
        object? bound = null;
        RootCommand root = CreateRootCommand(options =>
        {
            bound = options;
            return ExitCodes.Ok;
        });
        ParseResult parsed = root.Parse(WithHelpAndVersionVerbs(args), Parsing);
        if (parsed.Errors.Count > 0)
            return null;
        parsed.Invoke(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });
        return bound;
    }

    /// <summary>The verbs, in the order the help lists them; <paramref name="run"/> gets each verb's typed options.</summary>
    public static RootCommand CreateRootCommand(Func<object, int> run)
    {
        var root = new RootCommand("Offline tools that prepare what the Kaleido runtime loads.") { HelpName = Name };
        Add(root, TokenizerOptions.CreateVerb(), run);
        Add(root, DatasetOptions.CreateVerb(), run);
        Add(root, QualityOptions.CreateVerb(), run);
        Add(root, SweepOptions.CreateVerb(), run);
        Add(root, SweepReportOptions.CreateVerb(), run);
        Add(root, StepsReportOptions.CreateVerb(), run);
        Add(root, GroundingOptions.CreateVerb(), run);
        Add(root, FidelityOptions.CreateVerb(), run);
        return root;
    }

    static void Add<TOptions>(RootCommand root, Verb<TOptions> verb, Func<object, int> run) where TOptions : class
    {
        verb.Command.SetAction(result => run(verb.Bind(result)));
        // CommandLineParser took --version after a verb too (`kaleido-tools dataset --version`).
        verb.Command.Add(new VersionOption());
        root.Add(verb.Command);
    }

    /// <summary>
    /// The spellings CommandLineParser served and System.CommandLine has as options: <c>help</c> and
    /// <c>help VERB</c> are <c>--help</c> and <c>VERB --help</c>; <c>version</c> is <c>--version</c>.
    /// </summary>
    static string[] WithHelpAndVersionVerbs(IReadOnlyList<string> args) => args.ToArray() switch
    {
        ["help", .. var rest] => [.. rest, "--help"],
        ["version"] => ["--version"],
        var other => other,
    };

    /// <summary>Turns a user's mistake into a message on <paramref name="error"/> and the bad-input exit code.</summary>
    static int RunReportingUserErrors(Func<int> command, TextWriter error)
    {
        try
        {
            return command();
        }
        // Any user mistake, ours or the runtime's (a damaged package, a setting out of range), and file system failures,
        // which name the path the user gave (an unwritable --out, a folder passed as --corpus).
        catch (Exception e) when (e is UserInputException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}

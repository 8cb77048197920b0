using CommandLine;
using Kaleido.Runtime.Text;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Evaluation;
using Kaleido.Tools.Sweep;
using Kaleido.Tools.Tokenizer;

namespace Kaleido.Tools;

/// <summary>Entry point of <c>kaleido-tools</c>: offline tools that prepare what the runtime loads.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var parser = new Parser(settings =>
        {
            settings.HelpWriter = Console.Out;
            settings.CaseInsensitiveEnumValues = true;
        });
        // The array overload puts the parser in verb mode: one options type per verb.
        Type[] verbs = [typeof(TokenizerOptions), typeof(DatasetOptions), typeof(QualityOptions), typeof(SweepOptions)];
        return parser.ParseArguments(args, verbs)
            .MapResult(
                options => options switch
                {
                    TokenizerOptions tokenizer => RunReportingUserErrors(() => TokenizerCommand.Run(tokenizer, Console.Out)),
                    DatasetOptions dataset => RunReportingUserErrors(() => DatasetCommand.Run(dataset, Console.Out)),
                    QualityOptions quality => RunReportingUserErrors(() => QualityCommand.Run(quality, Console.Out)),
                    SweepOptions sweep => RunReportingUserErrors(() => SweepCommand.Run(sweep, Console.Out)),
                    _ => throw new InvalidOperationException($"No handler for verb {options.GetType().Name}."),
                },
                errors => errors.IsHelp() || errors.IsVersion() ? ExitCodes.Ok : ExitCodes.BadInput);
    }

    /// <summary>Turns a user's mistake into a message on stderr and the bad-input exit code.</summary>
    static int RunReportingUserErrors(Func<int> command)
    {
        try
        {
            return command();
        }
        // File system failures name the path the user gave (an unwritable --out, a folder passed as --corpus).
        catch (Exception e) when (e is ToolInputException or TokenizerException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}

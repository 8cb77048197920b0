using CommandLine;

namespace Kaleido.Cli;

/// <summary>Entry point of the <c>kaleido</c> tool: parses the verb and hands off to its command.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var parser = new Parser(settings =>
        {
            settings.HelpWriter = Console.Out;
            settings.CaseInsensitiveEnumValues = true;
        });
        // The array overload puts the parser in verb mode even while there is a single verb.
        Type[] verbs = [typeof(VersionOptions)];
        return parser.ParseArguments(args, verbs)
            .MapResult(
                options => options switch
                {
                    VersionOptions => RunVersion(),
                    _ => throw new InvalidOperationException($"No handler for verb {options.GetType().Name}."),
                },
                errors => errors.IsHelp() || errors.IsVersion() ? ExitCodes.Ok : ExitCodes.BadInput);
    }

    static int RunVersion()
    {
        Console.WriteLine(typeof(Program).Assembly.GetName().Version);
        return ExitCodes.Ok;
    }
}

[Verb("version", HelpText = "Print the version of the kaleido tool.")]
public sealed class VersionOptions;

using System.Reflection;
using CommandLine;
using CommandLine.Text;

namespace Kaleido.Cli;

/// <summary>
/// What the tool prints when parsing stops before a verb runs: help (stdout, exit 0), the version
/// (stdout, exit 0), or the parser's errors as "kaleido: error: …" lines (stderr, exit 2).
/// </summary>
static class Usage
{
    public static int HandleParseErrors(ParserResult<object> result, IEnumerable<Error> errors, Type[] verbs,
        CommandContext context)
    {
        Error[] all = errors.ToArray();
        if (all.IsVersion())
        {
            context.Out.WriteLine(Version);
            return ExitCodes.Ok;
        }
        if (all.IsHelp())
        {
            context.Out.Write(HelpText.AutoBuild(result, Customise, maxDisplayWidth: 100));
            context.Out.WriteLine();
            return ExitCodes.Ok;
        }

        string verbList = string.Join(", ", verbs.Select(VerbName).Append("help").Append("version"));
        SentenceBuilder sentences = SentenceBuilder.Create();
        foreach (Error error in all)
        {
            string message = error switch
            {
                NoVerbSelectedError => $"no verb given; expected one of: {verbList}.",
                BadVerbSelectedError bad => $"unknown verb '{bad.Token}'; expected one of: {verbList}.",
                _ => sentences.FormatError(error),
            };
            context.Error.WriteLine(ErrorReporter.Prefix + message);
        }
        return PointToHelp(result.TypeInfo.Current, context);
    }

    /// <summary>One argument mistake found outside the parser, reported the same way.</summary>
    public static int ReportArgumentError(string message, Type? verb, CommandContext context)
    {
        context.Error.WriteLine(ErrorReporter.Prefix + message);
        return PointToHelp(verb, context);
    }

    static int PointToHelp(Type? verb, CommandContext context)
    {
        string helpCommand = verb?.GetCustomAttribute<VerbAttribute>() is { } attribute
            ? $"kaleido {attribute.Name} --help"
            : "kaleido --help";
        context.Error.WriteLine($"Run '{helpCommand}' for usage.");
        return ExitCodes.BadInput;
    }

    /// <summary>Heading, and the exit codes after the options of every help page.</summary>
    static HelpText Customise(HelpText help)
    {
        help.Heading = $"kaleido {Version}: Kaleido diffusion runtime";
        help.Copyright = string.Empty;
        help.AddDashesToOption = true;
        help.AdditionalNewLineAfterOption = false;
        help.AddPostOptionsLine("Exit codes:");
        foreach ((int code, string meaning) in ExitCodes.Described)
            help.AddPostOptionsLine($"  {code,3}  {meaning}");
        help.AddPostOptionsLine("");
        help.AddPostOptionsLine("Run 'kaleido VERB --help' for a verb's options. See docs/cli.md.");
        return help;
    }

    /// <summary>The tool's version, from its assembly.</summary>
    public static string Version => typeof(Usage).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    static string VerbName(Type verb) => verb.GetCustomAttribute<VerbAttribute>()!.Name;
}

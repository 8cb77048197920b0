using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Kaleido.Runtime;

namespace Kaleido.Export.CommandLine;

/// <summary>What kind of mistake a command line holds.</summary>
public enum CommandLineProblemKind
{
    /// <summary>A token that looks like an option but is none of the command's.</summary>
    UnknownOption,

    /// <summary>A token that is neither an option nor an option's value.</summary>
    UnexpectedArgument,

    /// <summary>An option given last, or followed by another option, without its value.</summary>
    MissingValue,

    /// <summary>A required option that was not given.</summary>
    MissingOption,

    /// <summary>An option's value that does not parse or is out of range, or an option given twice.</summary>
    BadValue,
}

/// <summary>The first mistake on a command line: its kind, the token or option it concerns, and a message for the user.</summary>
public sealed record CommandLineProblem(CommandLineProblemKind Kind, string Token, string Message);

/// <summary>
/// The one way export's commands read their options: System.CommandLine parses (options, values, help), and the
/// first mistake becomes the command's <see cref="UserInputException"/>, which the CLI prints without a trace and
/// turns into exit code 2. Values are parsed by the commands' own functions, so their range checks and messages
/// stay theirs.
/// </summary>
public static class ExportCommandLine
{
    /// <summary>A command with <paramref name="options"/> and System.CommandLine's <c>-h</c>/<c>--help</c>.</summary>
    public static Command Command(string name, string description, params Option[] options)
    {
        var command = new Command(name, description) { new HelpOption() };
        foreach (Option option in options)
            command.Add(option);
        return command;
    }

    /// <summary>An option with one value, read as text.</summary>
    public static Option<string> Text(string name, string description, string? helpName = null, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>
    /// An option with one value that <paramref name="parse"/> turns into a <typeparamref name="T"/>; the
    /// <see cref="UserInputException"/> it throws for a bad value is the parse error.
    /// </summary>
    public static Option<T> Parsed<T>(string name, string description, Func<string, T> parse, string? helpName = null, bool required = false) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            Required = required,
            CustomParser = result =>
            {
                try
                {
                    return parse(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "");
                }
                catch (UserInputException e)
                {
                    result.AddError(e.Message);
                    return default!;
                }
            },
        };

    /// <summary>Whether <paramref name="result"/> asks for help (<c>-h</c>, <c>--help</c>, <c>-?</c>).</summary>
    public static bool HelpRequested(ParseResult result) => result.Action is HelpAction;

    /// <summary>
    /// Parses <paramref name="args"/> for <paramref name="command"/>. A mistake throws what <paramref name="fail"/>
    /// makes of the first <see cref="CommandLineProblem"/>; a request for help is no mistake (see <see cref="HelpRequested"/>).
    /// </summary>
    public static ParseResult Parse(Command command, IReadOnlyList<string> args, Func<CommandLineProblem, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(args);
        ParseResult result = command.Parse(args);
        if (HelpRequested(result))
            return result;
        if (FirstProblem(command, result) is { } problem)
            throw fail(problem);
        return result;
    }

    static CommandLineProblem? FirstProblem(Command command, ParseResult result)
    {
        // 1. Options without a value (a value never starts with "--": that is the next option, which
        //    System.CommandLine would take as the value), or given twice.
        foreach (Option option in command.Options)
        {
            if (result.GetResult(option) is not { Implicit: false } given || option.Arity.MaximumNumberOfValues == 0)
                continue;
            if (given.Tokens.Count == 0 || given.Tokens[0].Value.StartsWith("--", StringComparison.Ordinal))
                return new(CommandLineProblemKind.MissingValue, option.Name, $"Option {option.Name} needs a value.");
            if (given.IdentifierTokenCount > 1)
                return new(CommandLineProblemKind.BadValue, option.Name, $"Option {option.Name} is given twice.");
        }

        // 2. Tokens that belong to no option (in their order on the line).
        if (result.UnmatchedTokens.Count > 0)
        {
            string token = result.UnmatchedTokens[0];
            return token.StartsWith('-')
                ? new(CommandLineProblemKind.UnknownOption, token, $"Unknown option '{token}' (see --help).")
                : new(CommandLineProblemKind.UnexpectedArgument, token, $"Unexpected argument '{token}'; options start with '--' (see --help).");
        }

        // 3. Required options that are missing, in their declared order.
        foreach (Option option in command.Options)
        {
            if (option.Required && result.GetResult(option) is null or { Implicit: true })
                return new(CommandLineProblemKind.MissingOption, option.Name,
                    $"Option {option.Name}{(option.HelpName is { } help ? $" <{help}>" : "")} is required.");
        }

        // 4. Anything else System.CommandLine found: our value parsers' messages, or its own (on one line).
        if (result.Errors.Count == 0)
            return null;
        ParseError error = result.Errors[0];
        string name = error.SymbolResult is OptionResult { Option: var o } ? o.Name : error.SymbolResult?.ToString() ?? "";
        return new(CommandLineProblemKind.BadValue, name,
            string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>
    /// Writes our one-line <paramref name="usage"/> (e.g. <c>usage: kaleido-export toy --out &lt;folder&gt; [options]</c>)
    /// and then System.CommandLine's help for <paramref name="command"/>: its description, usage and options.
    /// </summary>
    public static void WriteHelp(Command command, string usage, TextWriter output)
    {
        output.WriteLine(usage);
        output.WriteLine();
        command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output, Error = output });
    }
}

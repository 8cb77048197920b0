using System.CommandLine;
using Kaleido.Cli.CommandLine;

namespace Kaleido.Cli;

/// <summary>
/// What the tool prints when parsing stops before a verb runs: help (stdout, exit 0), the version
/// (stdout, exit 0), or an argument mistake as one "kaleido: error: …" line (stderr, exit 2).
/// </summary>
static class Usage
{
    /// <summary>Help is wrapped to this width, whatever the terminal.</summary>
    const int HelpWidth = 100;

    /// <summary>
    /// The help page of <paramref name="command"/> (the root or a verb) on stdout: heading, description, usage line,
    /// arguments, options (spelled <c>-m, --model=DIR</c>) or verbs, then the exit codes. System.CommandLine 3.0
    /// keeps its help layout internal, so the page is written here from the same commands and options.
    /// </summary>
    public static int WriteHelp(KaleidoCommand cli, Command command, CommandContext context)
    {
        TextWriter output = context.Out;
        output.WriteLine($"{KaleidoCommand.Name} {Version}: Kaleido diffusion runtime");
        output.WriteLine();
        bool isRoot = command == cli.Root;
        if (!isRoot && !string.IsNullOrEmpty(command.Description))
        {
            WriteWrapped(output, command.Description, indent: 0);
            output.WriteLine();
        }

        Argument[] arguments = command.Arguments.Where(a => !a.Hidden).ToArray();
        string usage = isRoot
            ? $"{KaleidoCommand.Name} VERB [options]"
            : string.Join(' ', new[] { KaleidoCommand.Name, command.Name }.Concat(arguments.Select(a => $"[{a.Name}]")).Append("[options]"));
        output.WriteLine($"Usage: {usage}");
        output.WriteLine();

        if (arguments.Length > 0)
            WriteRows(output, "Arguments:", arguments.Select(a => (a.Name, a.Description ?? "")));
        if (isRoot)
            WriteRows(output, "Verbs:", command.Subcommands.Select(c => (c.Name, c.Description ?? "")));
        WriteRows(output, "Options:", command.Options.Concat(isRoot ? [] : cli.Inherited).Where(o => !o.Hidden)
            .Select(o => (OptionColumn(o), o.Description ?? "")));

        output.WriteLine("Exit codes:");
        foreach ((int code, string meaning) in ExitCodes.Described)
            output.WriteLine($"  {code,3}  {meaning}");
        output.WriteLine();
        output.WriteLine($"Run '{KaleidoCommand.Name} VERB --help' for a verb's options. See docs/cli.md.");
        return ExitCodes.Ok;
    }

    public static int WriteVersion(CommandContext context)
    {
        context.Out.WriteLine(Version);
        return ExitCodes.Ok;
    }

    /// <summary>One argument mistake: the message, then where to find the usage.</summary>
    public static int ReportArgumentError(string message, Verb? verb, CommandContext context)
    {
        context.Error.WriteLine(ErrorReporter.Prefix + message);
        string helpCommand = verb is null ? $"{KaleidoCommand.Name} --help" : $"{KaleidoCommand.Name} {verb.Name} --help";
        context.Error.WriteLine($"Run '{helpCommand}' for usage.");
        return ExitCodes.BadInput;
    }

    /// <summary>The tool's version, from its assembly.</summary>
    public static string Version => typeof(Usage).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary><c>-m, --model=DIR</c>: short aliases first, then the name, then the value's name.</summary>
    static string OptionColumn(Option option)
    {
        IEnumerable<string> aliases = option.Aliases.Where(a => a.StartsWith('-') && a != option.Name)
            .OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal);
        string names = string.Join(", ", aliases.Append(option.Name));
        return OptionValueCheck.TakesValue(option) ? $"{names}={option.HelpName ?? "VALUE"}" : names;
    }

    /// <summary>A titled list of two-column rows, the second column wrapped to <see cref="HelpWidth"/>.</summary>
    static void WriteRows(TextWriter output, string title, IEnumerable<(string Name, string Text)> rows)
    {
        var all = rows.ToArray();
        if (all.Length == 0) return;
        int column = 2 + all.Max(r => r.Name.Length) + 4;
        output.WriteLine(title);
        foreach ((string name, string text) in all)
        {
            output.Write($"  {name}".PadRight(column));
            WriteWrapped(output, text, column);
        }
        output.WriteLine();
    }

    /// <summary>
    /// <paramref name="text"/> in lines of at most <see cref="HelpWidth"/> characters, the first continuing the
    /// current line (at column <paramref name="indent"/>), the others indented to it.
    /// </summary>
    static void WriteWrapped(TextWriter output, string text, int indent)
    {
        int width = Math.Max(20, HelpWidth - indent);
        int length = 0;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (length > 0 && length + 1 + word.Length > width)
            {
                output.WriteLine();
                output.Write(new string(' ', indent));
                length = 0;
            }
            else if (length > 0)
            {
                output.Write(' ');
                length++;
            }
            output.Write(word);
            length += word.Length;
        }
        output.WriteLine();
    }
}

using System.CommandLine;
using Kaleido.Export.CommandLine;
using Kaleido.Export.Packaging.Fixtures;

namespace Kaleido.Export.Packaging;

/// <summary>
/// The parsed options of <c>package</c> or <c>fixtures</c>: System.CommandLine parses them against the command's
/// declared options (<see cref="PackageCommand.Command"/>, <see cref="FixtureCommand.Command"/>), so an unknown or
/// repeated option or a missing value is an <see cref="ExportInputException"/> before the command runs.
/// </summary>
public sealed class CommandOptions
{
    readonly string _command;
    readonly ParseResult _result;

    CommandOptions(string command, ParseResult result)
    {
        _command = command;
        _result = result;
    }

    /// <summary>Whether <c>-h</c>/<c>--help</c> was given: the caller prints <see cref="WriteHelp"/> and runs nothing.</summary>
    public bool HelpRequested => ExportCommandLine.HelpRequested(_result);

    /// <exception cref="ExportInputException">A mistake, named in a message that starts with the command's name.</exception>
    public static CommandOptions Parse(string command, IReadOnlyList<string> args)
    {
        Command definition = Definition(command);
        ParseResult result = ExportCommandLine.Parse(definition, args, problem => new ExportInputException(
            problem.Kind == CommandLineProblemKind.UnknownOption
                ? $"{command}: unknown option {problem.Token}."
                : $"{command}: {problem.Message}"));
        return new CommandOptions(command, result);
    }

    /// <summary>Writes the command's help (System.CommandLine's, under our one-line usage).</summary>
    public void WriteHelp(TextWriter output) => ExportCommandLine.WriteHelp(Definition(_command), Synopsis(_command), output);

    /// <summary>The value of <c>--name</c>, or null when it was not given.</summary>
    public string? Optional(string name) => _result.GetValue<string>("--" + name);

    /// <summary>The value of <c>--name</c>, which must be given.</summary>
    public string Required(string name) =>
        Optional(name) ?? throw new ExportInputException($"{_command}: option --{name} is required.");

    /// <summary>The value of an option declared with <see cref="NonNegativeInt64"/>, or null when it was not given.</summary>
    public long? OptionalInt64(string name) => _result.GetValue<long?>("--" + name);

    /// <summary>An option whose value is a non-negative integer.</summary>
    internal static Option<long?> NonNegativeInt64(string name, string description) =>
        ExportCommandLine.Parsed<long?>(name, description, value =>
            long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long number)
                ? number
                : throw new ExportInputException($"{name} is '{value}'; expected a non-negative integer."), "N");

    static Command Definition(string command) => command switch
    {
        PackageCommand.Name => PackageCommand.Command,
        FixtureCommand.Name => FixtureCommand.Command,
        _ => throw new ArgumentException($"'{command}' is not a command with CommandOptions.", nameof(command)),
    };

    static string Synopsis(string command) => command switch
    {
        PackageCommand.Name => PackageCommand.Synopsis,
        _ => FixtureCommand.Synopsis,
    };
}

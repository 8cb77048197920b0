using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Kaleido.Cli.CommandLine;

/// <summary>
/// How <c>kaleido</c>'s options are built: a long name, at most one short alias, the value's name in the help
/// (<c>--model=DIR</c>) and the help text. Every value option is nullable: "not given" leaves the default to the
/// settings that own it (<c>GenerationSettings</c> and the like), so defaults are stated once. Numbers are read
/// with the invariant culture; a value that does not parse is "Option 'steps' is defined with a bad format.".
/// </summary>
static class CliOption
{
    /// <summary>An option without a value (<c>--json</c>, <c>-q</c>).</summary>
    public static Option<bool> Flag(string name, char? alias, string description) =>
        new(name, Aliases(alias)) { Description = description };

    /// <summary>An option with one value, read as text.</summary>
    public static Option<string?> Text(string name, char? alias, string helpName, string description) =>
        new(name, Aliases(alias)) { HelpName = helpName, Description = description };

    /// <summary>An option with one integer value.</summary>
    public static Option<int?> Int(string name, char? alias, string helpName, string description) =>
        Parsed<int>(name, alias, helpName, description,
            (string s, out int v) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v));

    /// <summary>
    /// A seed option: a number from 0 to 2^64 − 1 or <c>random</c>. Its bad value is named with the range, since a seed
    /// copied from elsewhere (a signed print, a float) is the likely mistake.
    /// </summary>
    public static Option<Requests.SeedChoice?> Seed(string name, char? alias, string description) =>
        new(name, Aliases(alias))
        {
            HelpName = "N",
            Description = description,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 1 && Requests.SeedChoice.TryParse(result.Tokens[0].Value, out var choice))
                    return choice;
                result.AddError(result.Tokens.Count switch
                {
                    0 => $"option '{name}' needs a value.",
                    1 => $"{name} is '{result.Tokens[0].Value}'; {Requests.SeedChoice.Expected}.",
                    _ => $"Option '{Bare(name)}' is defined multiple times.",
                });
                return null;
            },
        };

    /// <summary>An option with one floating-point value.</summary>
    public static Option<double?> Double(string name, char? alias, string helpName, string description) =>
        Parsed<double>(name, alias, helpName, description,
            (string s, out double v) => double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out v));

    /// <summary>The argument that collects a verb's positional tokens.</summary>
    public static Argument<string[]> Positional(string name, string? description) => new(name)
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = description,
        Hidden = description is null,
    };

    /// <summary>The message of an option given more than once.</summary>
    public static string GivenTwice(Option option) => $"Option '{Bare(option.Name)}' is defined multiple times.";

    /// <summary>An option's name without its dashes, as the messages spell it (<c>steps</c>).</summary>
    public static string Bare(string name) => name.TrimStart('-');

    delegate bool TryParse<T>(string text, out T value);

    static Option<T?> Parsed<T>(string name, char? alias, string helpName, string description, TryParse<T> tryParse)
        where T : struct =>
        new(name, Aliases(alias))
        {
            HelpName = helpName,
            Description = description,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 1 && tryParse(result.Tokens[0].Value, out T value))
                    return value;
                result.AddError(result.Tokens.Count > 1
                    ? $"Option '{Bare(name)}' is defined multiple times."
                    : $"Option '{Bare(name)}' is defined with a bad format.");
                return null;
            },
        };

    static string[] Aliases(char? alias) => alias is { } c ? [$"-{c}"] : [];
}

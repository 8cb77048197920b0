using System.CommandLine;

namespace Kaleido.Cli;

/// <summary>
/// Finds an option that needs a value but was given none. System.CommandLine takes the next token as the value
/// even when it is another option (<c>kaleido info -m --json</c> would read the package folder "--json"), and
/// its own message for a missing last value differs; this check runs before the parse and reports both the same way.
/// </summary>
static class OptionValueCheck
{
    /// <summary>
    /// A message for the first value-taking option of <paramref name="verb"/> (or of <paramref name="inherited"/>)
    /// with no value after it, or null. <paramref name="args"/>[0] is the verb.
    /// </summary>
    public static string? FindMissingValue(string[] args, Command verb, IEnumerable<Option> inherited)
    {
        Option[] options = [.. verb.Options, .. inherited];
        var allNames = options.SelectMany(Names).ToHashSet(StringComparer.Ordinal);
        var needValue = options.Where(TakesValue).SelectMany(Names).ToHashSet(StringComparer.Ordinal);
        bool IsOption(string token) => token == "--" || allNames.Contains(token) || token.StartsWith("--", StringComparison.Ordinal);

        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--") break;
            if (needValue.Contains(args[i]) && (i + 1 == args.Length || IsOption(args[i + 1])))
                return $"option '{args[i]}' needs a value.";
        }
        return null;
    }

    /// <summary>Whether <paramref name="option"/> takes a value (<c>--model DIR</c>), unlike a flag (<c>--json</c>).</summary>
    public static bool TakesValue(Option option) => option.Arity.MinimumNumberOfValues > 0 && option.ValueType != typeof(bool);

    static IEnumerable<string> Names(Option option) => option.Aliases.Append(option.Name);
}

using System.Reflection;
using CommandLine;

namespace Kaleido.Cli;

/// <summary>
/// Finds an option that needs a value but was given none. CommandLineParser 2.9.1 silently
/// drops such an option (commandlineparser/commandline#861): <c>kaleido info --model</c> would use
/// the default package instead of failing.
/// </summary>
static class OptionValueCheck
{
    /// <summary>A message for the first value-taking option with no value after it, or null.</summary>
    public static string? FindMissingValue(string[] args, Type? verb)
    {
        if (verb is null) return null;
        var options = verb.GetProperties()
            .Select(p => (p.PropertyType, Option: p.GetCustomAttribute<OptionAttribute>()))
            .Where(x => x.Option is not null)
            .ToArray();
        var allNames = options.SelectMany(x => Names(x.Option!)).Append("--help").ToHashSet(StringComparer.Ordinal);
        var needValue = options.Where(x => x.PropertyType != typeof(bool))
            .SelectMany(x => Names(x.Option!)).ToHashSet(StringComparer.Ordinal);
        bool IsOption(string token) => token == "--" || allNames.Contains(token) || token.StartsWith("--", StringComparison.Ordinal);

        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--") break;
            if (needValue.Contains(args[i]) && (i + 1 == args.Length || IsOption(args[i + 1])))
                return $"option '{args[i]}' needs a value.";
        }
        return null;
    }

    /// <summary>The verb whose name is the first argument, if any.</summary>
    public static Type? VerbNamed(string[] args, Type[] verbs) =>
        args.Length == 0 ? null : verbs.FirstOrDefault(v => v.GetCustomAttribute<VerbAttribute>()?.Name == args[0]);

    static IEnumerable<string> Names(OptionAttribute option)
    {
        if (!string.IsNullOrEmpty(option.ShortName)) yield return "-" + option.ShortName;
        if (!string.IsNullOrEmpty(option.LongName)) yield return "--" + option.LongName;
    }
}

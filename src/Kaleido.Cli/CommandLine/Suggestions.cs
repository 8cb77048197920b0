using System.CommandLine;

namespace Kaleido.Cli.CommandLine;

/// <summary>
/// "Did you mean": the spellings closest to a mistyped one, by edit distance (at most 3, only the best),
/// the way System.CommandLine's own typo correction picks them. System.CommandLine writes its suggestions to
/// stdout in the current UI language and offers no API for them; kaleido's errors go to stderr as one
/// "kaleido: error: …" line, so the message is built here.
/// </summary>
static class Suggestions
{
    const int MaxDistance = 3;

    /// <summary>" Did you mean 'x'?" (or "… one of 'x', 'y'?"), or "" when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        string[] best = Closest(typed, candidates);
        return best.Length switch
        {
            0 => "",
            1 => $" Did you mean '{best[0]}'?",
            _ => $" Did you mean one of {string.Join(", ", best.Select(b => $"'{b}'"))}?",
        };
    }

    /// <summary>The option names (one per option, the closest of its aliases) nearest to <paramref name="typed"/>.</summary>
    public static IEnumerable<string> OptionNames(string typed, IEnumerable<Option> options) =>
        options.Where(o => !o.Hidden).Select(o => o.Aliases.Append(o.Name).Where(n => n.StartsWith('-'))
            .OrderBy(n => Distance(typed, n)).ThenByDescending(n => CommonPrefix(typed, n)).First());

    static string[] Closest(string typed, IEnumerable<string> candidates)
    {
        var scored = candidates.Distinct()
            .Select(c => (Name: c, Distance: Distance(typed, c)))
            .Where(c => c.Distance <= MaxDistance)
            .OrderBy(c => c.Distance).ThenByDescending(c => CommonPrefix(typed, c.Name))
            .ToArray();
        return scored.Length == 0 ? [] : scored.TakeWhile(c => c.Distance == scored[0].Distance).Select(c => c.Name).ToArray();
    }

    static int CommonPrefix(string a, string b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    /// <summary>Levenshtein distance.</summary>
    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

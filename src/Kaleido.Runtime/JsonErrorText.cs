using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kaleido.Runtime;

/// <summary>
/// System.Text.Json's reason for a parse error, fit for a one-line message to a user. Its excerpt of the input may
/// hold anything: terminal escape codes, NUL bytes, or indented text that reads like a stack trace. So its own
/// position suffix is dropped (callers give the position their way), control characters are shown as U+XXXX, runs
/// of white space become one space, and the text is cut at 160 characters.
/// </summary>
public static class JsonErrorText
{
    const int Longest = 160;

    /// <summary>The reason of <paramref name="e"/>, cleaned.</summary>
    public static string Reason(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = e.Message;
        int suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return Clean(suffix >= 0 ? reason[..suffix] : reason);
    }

    /// <summary><paramref name="text"/> with control characters as U+XXXX, white-space runs as one space, and at most 160 characters.</summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder(Math.Min(text.Length, Longest + 16));
        bool space = false;
        foreach (char c in text)
        {
            if (clean.Length >= Longest)
                return clean.ToString().TrimEnd() + "…";
            if (c is ' ' or '\t' or '\n' or '\r' || char.IsWhiteSpace(c))
            {
                if (!space && clean.Length > 0)
                    clean.Append(' ');
                space = true;
                continue;
            }
            space = false;
            if (char.IsControl(c) || char.IsSurrogate(c))
                clean.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                clean.Append(c);
        }
        return clean.ToString().TrimEnd();
    }
}

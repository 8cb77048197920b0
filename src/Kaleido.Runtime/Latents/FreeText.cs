using System.Text;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// Escaping of free text (descriptions, phrases, tails). '(' starts a box or blob, '|' separates
/// combined sections and '#' separates visual codes, so in free text those three and the escape
/// character itself are written as <c>\(</c>, <c>\|</c>, <c>\#</c>, <c>\\</c>. No other escape exists.
/// </summary>
public static class FreeText
{
    public static bool MustEscape(char c) => c is '\\' or '|' or '(' or '#';

    /// <summary>
    /// The index of the first surrogate that is not part of a pair, or -1. Such text cannot be
    /// written to JSON without loss, so free text must be valid UTF-16.
    /// </summary>
    public static int IndexOfUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return i;
        }
        return -1;
    }

    /// <summary>Null when the text is valid UTF-16, else what is wrong with it.</summary>
    internal static string? FindProblem(string text)
    {
        int at = IndexOfUnpairedSurrogate(text);
        return at < 0 ? null : $"expected valid UTF-16 text but found an unpaired surrogate U+{(int)text[at]:X4} at index {at}";
    }

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    internal static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (char c in text)
        {
            if (MustEscape(c))
                builder.Append('\\');
            builder.Append(c);
        }
    }
}

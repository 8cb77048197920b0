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

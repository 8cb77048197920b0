using System.Globalization;

namespace Kaleido.Runtime.Latents;

/// <summary>
/// The text being parsed and how to report errors in one part of it: positions are always offsets
/// into <see cref="Source"/>, so an error inside a combined section points into the whole text.
/// </summary>
/// <param name="Subject">How the message names the part, e.g. "combined latents, bbox section".</param>
/// <param name="End">Exclusive end of the part in <see cref="Source"/>.</param>
/// <param name="EndName">What the part's end is called in messages, e.g. "end of text".</param>
internal readonly record struct ParseContext(string Source, LatentKind Kind, string Subject, int End, string EndName)
{
    public static ParseContext Whole(LatentKind kind, string source) =>
        new(source, kind, $"{kind.ToName()} latents", source.Length, "end of text");

    public LatentsFormatException Error(int position, string detail) =>
        new($"{Subject}, position {position}: {detail}", Kind, position, null);

    /// <summary>The character at a position as a message shows it, or the name of the end.</summary>
    public string Found(int position) => position >= End ? EndName : Show(Source[position]);

    /// <summary>A run of characters for a message, cut short when long (a 'number' may have a million digits).</summary>
    public string Excerpt(int start, int end)
    {
        const int longest = 24;
        return end - start <= longest
            ? $"'{Source[start..end]}'"
            : $"'{Source.Substring(start, longest)}...' ({end - start} characters)";
    }

    static string Show(char c)
    {
        if (c == ' ') return "' ' (space)";
        if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
            return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return $"'{c}'";
    }
}

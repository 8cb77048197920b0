using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Evaluation;

/// <summary>The colour words of grounded phrases and background clauses (the dataset's palette names).</summary>
public static class PhraseColors
{
    /// <summary>Object colours first, then background colours: every colour word the dataset writes.</summary>
    public static IReadOnlyList<NamedColor> All { get; } = [.. Palette.ObjectColors, .. Palette.BackgroundColors];

    /// <summary>The first palette colour named by a whole word of <paramref name="text"/> ("medium purple ellipse" → purple), or null.</summary>
    public static NamedColor? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string word in text.Split([' ', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (NamedColor color in All)
            {
                if (string.Equals(word, color.Name, StringComparison.OrdinalIgnoreCase))
                    return color;
            }
        }
        return null;
    }
}

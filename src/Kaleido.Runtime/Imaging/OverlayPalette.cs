using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// Colours of latent overlays. A box or blob is drawn in the colour its phrase names ("medium purple ellipse" →
/// purple), so a sheet shows at a glance whether an object came out in its latent's colour and place; a phrase that
/// names no colour gets a distinct colour by its position.
/// </summary>
public static class OverlayPalette
{
    private static readonly Rgb24[] Colours =
    [
        new(230, 25, 75), new(60, 180, 75), new(255, 225, 25), new(0, 130, 200), new(245, 130, 48),
        new(145, 30, 180), new(70, 240, 240), new(240, 50, 230), new(210, 245, 60), new(250, 190, 212),
    ];

    /// <summary>Basic colour words (CSS values, grey as gray) a phrase may name; the first such word wins.</summary>
    private static readonly Dictionary<string, Rgb24> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["red"] = new(255, 0, 0), ["orange"] = new(255, 165, 0), ["yellow"] = new(255, 255, 0),
        ["green"] = new(0, 128, 0), ["blue"] = new(0, 0, 255), ["purple"] = new(128, 0, 128),
        ["pink"] = new(255, 192, 203), ["brown"] = new(165, 42, 42), ["black"] = new(0, 0, 0),
        ["white"] = new(255, 255, 255), ["gray"] = new(128, 128, 128), ["grey"] = new(128, 128, 128),
        ["cyan"] = new(0, 255, 255), ["magenta"] = new(255, 0, 255), ["beige"] = new(245, 245, 220),
    };

    /// <summary>A distinct colour for item <paramref name="itemIndex"/>.</summary>
    public static Rgb24 ColourFor(int itemIndex) => Colours[(int)((uint)itemIndex % Colours.Length)];

    /// <summary>The colour <paramref name="phrase"/> names, or <see cref="ColourFor(int)"/> of its index when it names none.</summary>
    public static Rgb24 ColourFor(string phrase, int itemIndex) => NamedIn(phrase) ?? ColourFor(itemIndex);

    /// <summary>The colour of the first colour word of <paramref name="phrase"/>; null when it has none.</summary>
    public static Rgb24? NamedIn(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        foreach (string word in phrase.Split([' ', ',', '-', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            if (Named.TryGetValue(word, out Rgb24 colour))
                return colour;
        return null;
    }
}

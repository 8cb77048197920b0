namespace Kaleido.Tools.Dataset;

/// <summary>A colour with the word captions use for it.</summary>
public readonly record struct NamedColor(string Name, byte R, byte G, byte B);

/// <summary>The palettes: few, well-separated colours so a colour word always matches what is seen.</summary>
public static class Palette
{
    public static IReadOnlyList<NamedColor> ObjectColors { get; } =
    [
        new("red", 220, 40, 40),
        new("orange", 245, 140, 20),
        new("yellow", 240, 210, 30),
        new("green", 40, 160, 60),
        new("blue", 30, 90, 220),
        new("purple", 140, 60, 190),
    ];

    /// <summary>Neutral backgrounds, none close to an object colour, so every object stands out.</summary>
    public static IReadOnlyList<NamedColor> BackgroundColors { get; } =
    [
        new("white", 240, 240, 240),
        new("gray", 128, 128, 128),
        new("black", 25, 25, 25),
        new("beige", 225, 210, 180),
    ];

    /// <summary>The second tone of a textured background: 30% of the way to black (light colours) or white (dark ones).</summary>
    public static NamedColor TextureTone(NamedColor background)
    {
        int luma = (299 * background.R + 587 * background.G + 114 * background.B) / 1000;
        int target = luma >= 128 ? 0 : 255;
        return background with
        {
            R = Toward(background.R, target),
            G = Toward(background.G, target),
            B = Toward(background.B, target),
        };
    }

    static byte Toward(byte value, int target) => (byte)(value + (int)Math.Round((target - value) * 0.3, MidpointRounding.AwayFromZero));
}

using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Imaging;

/// <summary>Distinct, saturated colours for overlay items, cycling after the last.</summary>
public static class OverlayPalette
{
    private static readonly Rgb24[] Colours =
    [
        new(230, 25, 75), new(60, 180, 75), new(255, 225, 25), new(0, 130, 200), new(245, 130, 48),
        new(145, 30, 180), new(70, 240, 240), new(240, 50, 230), new(210, 245, 60), new(250, 190, 212),
    ];

    public static Rgb24 ColourFor(int itemIndex) => Colours[(int)((uint)itemIndex % Colours.Length)];
}

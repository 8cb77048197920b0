namespace Kaleido.Tools.Dataset;

/// <summary>The background texture (the scene's "style"): the background colour and its texture tone.</summary>
public enum BackgroundStyle
{
    Plain,
    Stripes,
    Checker,
    Dots,
}

public static class BackgroundStyleInfo
{
    public static IReadOnlyList<BackgroundStyle> All { get; } = Enum.GetValues<BackgroundStyle>();

    /// <summary>The adjective captions use: "a striped background".</summary>
    public static string Adjective(this BackgroundStyle style) => style switch
    {
        BackgroundStyle.Plain => "plain",
        BackgroundStyle.Stripes => "striped",
        BackgroundStyle.Checker => "checkered",
        BackgroundStyle.Dots => "dotted",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "Not a background style."),
    };

    /// <summary>Texture cells per image side: stripes 1/16 of the side wide, checker squares and dot cells 1/8.</summary>
    public const int CellsPerSide = 8;

    /// <summary>
    /// Whether the point (u, v) in [0, 1)^2 (y down) takes the texture tone instead of the background colour.
    /// </summary>
    public static bool IsTextureTone(this BackgroundStyle style, double u, double v)
    {
        switch (style)
        {
            case BackgroundStyle.Plain:
                return false;
            case BackgroundStyle.Stripes:
                return ((int)Math.Floor(v * CellsPerSide * 2) & 1) == 1;
            case BackgroundStyle.Checker:
                return (((int)Math.Floor(u * CellsPerSide) + (int)Math.Floor(v * CellsPerSide)) & 1) == 1;
            case BackgroundStyle.Dots:
                double du = u * CellsPerSide - Math.Floor(u * CellsPerSide) - 0.5;
                double dv = v * CellsPerSide - Math.Floor(v * CellsPerSide) - 0.5;
                return du * du + dv * dv <= 0.25 * 0.25;
            default:
                throw new ArgumentOutOfRangeException(nameof(style), style, "Not a background style.");
        }
    }
}

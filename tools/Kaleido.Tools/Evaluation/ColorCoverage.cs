using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// How much of each pixel a palette colour covers (α in [0, 1]). The renderer's pixels are box means of
/// point samples, so an edge pixel is a blend p = α·c + (1 − α)·b of the object's colour c and what lies
/// beside it b (the background, its texture tone or another object — all palette colours). For every
/// candidate b the blend line b→c is fitted (α = the projection of p onto it, clamped); the line that
/// passes closest to p wins, and when even that one misses p by more than <see cref="MaxResidual"/> the
/// pixel is not a blend of c at all (α = 0).
/// </summary>
public static class ColorCoverage
{
    /// <summary>
    /// Every colour a scene can show: object colours, background colours and their texture tones.
    /// The candidates b for the other side of an edge.
    /// </summary>
    public static IReadOnlyList<NamedColor> SceneColors { get; } = BuildSceneColors();

    /// <summary>
    /// Half the smallest distance (RGB, Euclidean) from an object colour to any other scene colour
    /// (orange to yellow, 70.9): a pixel within it of c is nearer c than any other colour a scene has,
    /// so what passes is unambiguous, and a rendering or model colour error up to it is tolerated.
    /// </summary>
    public static double MaxResidual { get; } = 0.5 * SmallestObjectSeparation();

    /// <summary>α of <paramref name="color"/> at every pixel of <paramref name="rgb"/> ([side, side, 3] bytes, row-major), written to <paramref name="coverage"/> [side, side].</summary>
    public static void Compute(ReadOnlySpan<byte> rgb, int side, NamedColor color, Span<float> coverage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        if (rgb.Length != side * side * 3)
            throw new ArgumentException($"The image has {rgb.Length} bytes; a {side}x{side} RGB image has {side * side * 3}.", nameof(rgb));
        if (coverage.Length != side * side)
            throw new ArgumentException($"The coverage buffer has {coverage.Length} values; expected {side * side}.", nameof(coverage));
        for (int i = 0; i < coverage.Length; i++)
            coverage[i] = Alpha(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], color);
    }

    /// <summary>α of <paramref name="color"/> in one pixel (see the class summary).</summary>
    public static float Alpha(byte r, byte g, byte b, NamedColor color)
    {
        double bestResidual = double.PositiveInfinity, bestAlpha = 0;
        foreach (NamedColor other in SceneColors)
        {
            if (other.R == color.R && other.G == color.G && other.B == color.B)
                continue;
            // Line b→c: p ≈ b + α (c − b).
            double dr = color.R - other.R, dg = color.G - other.G, db = color.B - other.B;
            double pr = r - other.R, pg = g - other.G, pb = b - other.B;
            double alpha = Math.Clamp((pr * dr + pg * dg + pb * db) / (dr * dr + dg * dg + db * db), 0, 1);
            double er = pr - alpha * dr, eg = pg - alpha * dg, eb = pb - alpha * db;
            double residual = Math.Sqrt(er * er + eg * eg + eb * eb);
            // Ties go to the smaller α: a pixel that is exactly another scene colour covers none of c.
            if (residual < bestResidual || (residual == bestResidual && alpha < bestAlpha))
            {
                bestResidual = residual;
                bestAlpha = alpha;
            }
        }
        return bestResidual <= MaxResidual ? (float)bestAlpha : 0f;
    }

    static IReadOnlyList<NamedColor> BuildSceneColors()
    {
        var colors = new List<NamedColor>(Palette.ObjectColors);
        foreach (NamedColor background in Palette.BackgroundColors)
        {
            colors.Add(background);
            colors.Add(Palette.TextureTone(background));
        }
        return colors.AsReadOnly();
    }

    static double SmallestObjectSeparation()
    {
        double smallest = double.PositiveInfinity;
        foreach (NamedColor objectColor in Palette.ObjectColors)
            foreach (NamedColor other in SceneColors)
                if (other != objectColor)
                    smallest = Math.Min(smallest, Distance(objectColor, other));
        return smallest;
    }

    internal static double Distance(NamedColor a, NamedColor b)
    {
        double dr = a.R - b.R, dg = a.G - b.G, db = a.B - b.B;
        return Math.Sqrt(dr * dr + dg * dg + db * db);
    }
}

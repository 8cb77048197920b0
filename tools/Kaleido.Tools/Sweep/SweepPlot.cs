using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// The paper's Fig. 5 as pixels: two panels side by side, FID against guidance (left) and recall against guidance
/// (right), one polyline per model in <see cref="Colours"/> order. No text: the colours are named in results.md.
/// </summary>
public static class SweepPlot
{
    public const int PanelWidth = 320;
    public const int PanelHeight = 240;
    /// <summary>Blank border inside each panel around the plotting area.</summary>
    public const int Margin = 20;

    public static readonly Rgb24 Background = new(255, 255, 255);
    public static readonly Rgb24 Axis = new(160, 160, 160);
    public static IReadOnlyList<Rgb24> Colours { get; } = [new(220, 30, 30), new(30, 60, 220), new(20, 160, 40), new(230, 140, 0)];
    static readonly string[] ColourNames = ["red", "blue", "green", "orange"];

    public static string ColourName(int model) => ColourNames[model % ColourNames.Length];

    public static Image<Rgb24> Draw(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var image = new Image<Rgb24>(2 * PanelWidth, PanelHeight, Background);
        float minW = result.Cells.Min(c => c.Guidance), maxW = result.Cells.Max(c => c.Guidance);
        double maxFid = Math.Max(result.Cells.Max(c => c.Fid), 1e-9) * 1.1;
        IReadOnlyList<string> models = result.Models;
        for (int panel = 0; panel < 2; panel++)
        {
            int left = panel * PanelWidth;
            DrawAxes(image, left);
            for (int m = 0; m < models.Count; m++)
            {
                var points = result.Cells.Where(c => c.Model == models[m]).OrderBy(c => c.Guidance)
                    .Select(c => ToPixel(left, c.Guidance, minW, maxW, panel == 0 ? c.Fid / maxFid : c.Recall))
                    .ToArray();
                Rgb24 colour = Colours[m % Colours.Count];
                for (int i = 0; i + 1 < points.Length; i++)
                    DrawLine(image, points[i], points[i + 1], colour);
                foreach (var point in points)
                    DrawDot(image, point, colour);
            }
        }
        return image;
    }

    public static void Save(SweepResult result, string path)
    {
        using Image<Rgb24> image = Draw(result);
        image.SaveAsPng(path);
    }

    /// <summary>Guidance w and a value in [0, 1] → a pixel of the panel's plotting area (y up).</summary>
    static (int X, int Y) ToPixel(int left, float w, float minW, float maxW, double value)
    {
        double u = maxW > minW ? (w - minW) / (maxW - minW) : 0.5;
        double v = Math.Clamp(value, 0, 1);
        int x = left + Margin + (int)Math.Round(u * (PanelWidth - 2 * Margin - 1));
        int y = PanelHeight - Margin - 1 - (int)Math.Round(v * (PanelHeight - 2 * Margin - 1));
        return (x, y);
    }

    static void DrawAxes(Image<Rgb24> image, int left)
    {
        int x0 = left + Margin - 3, y0 = PanelHeight - Margin + 2;
        for (int x = x0; x < left + PanelWidth - Margin; x++)
            image[x, y0] = Axis;
        for (int y = Margin; y <= y0; y++)
            image[x0, y] = Axis;
    }

    /// <summary>A 2-pixel-thick line: every step along the longer axis sets the pixel and its neighbour.</summary>
    static void DrawLine(Image<Rgb24> image, (int X, int Y) a, (int X, int Y) b, Rgb24 colour)
    {
        int steps = Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y));
        for (int s = 0; s <= steps; s++)
        {
            double t = steps == 0 ? 0 : (double)s / steps;
            int x = (int)Math.Round(a.X + t * (b.X - a.X));
            int y = (int)Math.Round(a.Y + t * (b.Y - a.Y));
            Set(image, x, y, colour);
            Set(image, x, y + 1, colour);
        }
    }

    static void DrawDot(Image<Rgb24> image, (int X, int Y) centre, Rgb24 colour)
    {
        for (int dy = -2; dy <= 2; dy++)
        {
            for (int dx = -2; dx <= 2; dx++)
                Set(image, centre.X + dx, centre.Y + dy, colour);
        }
    }

    static void Set(Image<Rgb24> image, int x, int y, Rgb24 colour)
    {
        if (x >= 0 && x < image.Width && y >= 0 && y < image.Height)
            image[x, y] = colour;
    }
}

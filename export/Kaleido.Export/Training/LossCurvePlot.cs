using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Training;

/// <summary>
/// A plain line plot of the losses per step, drawn pixel by pixel (ImageSharp has no drawing here): white
/// background, black axes with a tick every 10 % of each range, L_AR in blue and L_DM in red. The y axis runs
/// from 0 to the largest value plotted; each series is smoothed with a moving average of 1 % of the steps.
/// </summary>
public static class LossCurvePlot
{
    public static readonly Rgb24 ArColour = new(40, 90, 220);
    public static readonly Rgb24 DiffusionColour = new(220, 50, 40);

    private const int Width = 800, Height = 450, Margin = 40;

    public static void Write(string path, IReadOnlyList<StepReport> history)
    {
        using var image = new Image<Rgb24>(Width, Height, new Rgb24(255, 255, 255));
        var ar = Smooth(history.Where(r => r.ArLoss is not null).Select(r => (r.Step, r.ArLoss!.Value)).ToList());
        var dm = Smooth(history.Where(r => r.DiffusionLoss is not null).Select(r => (r.Step, r.DiffusionLoss!.Value)).ToList());
        double maxStep = Math.Max(1, history.Count == 0 ? 1 : history[^1].Step);
        double maxLoss = ar.Concat(dm).Select(p => p.Value).DefaultIfEmpty(1).Max();
        if (!(maxLoss > 0) || !double.IsFinite(maxLoss))
            maxLoss = 1;

        DrawAxes(image);
        foreach (var (series, colour) in new[] { (ar, ArColour), (dm, DiffusionColour) })
        {
            for (int i = 1; i < series.Count; i++)
            {
                var (x0, y0) = ToPixel(series[i - 1], maxStep, maxLoss);
                var (x1, y1) = ToPixel(series[i], maxStep, maxLoss);
                DrawLine(image, x0, y0, x1, y1, colour);
            }
        }
        image.SaveAsPng(path);
    }

    private static (int X, int Y) ToPixel((long Step, double Value) point, double maxStep, double maxLoss)
    {
        double x = Margin + (Width - 2 * Margin) * point.Step / maxStep;
        double y = Height - Margin - (Height - 2 * Margin) * Math.Clamp(point.Value / maxLoss, 0, 1);
        return ((int)Math.Round(x), (int)Math.Round(y));
    }

    private static List<(long Step, double Value)> Smooth(List<(long Step, double Value)> points)
    {
        int window = Math.Max(1, points.Count / 100);
        var smoothed = new List<(long, double)>(points.Count);
        double sum = 0;
        for (int i = 0; i < points.Count; i++)
        {
            sum += points[i].Value;
            if (i >= window)
                sum -= points[i - window].Value;
            smoothed.Add((points[i].Step, sum / Math.Min(i + 1, window)));
        }
        return smoothed;
    }

    private static void DrawAxes(Image<Rgb24> image)
    {
        var black = new Rgb24(0, 0, 0);
        int left = Margin, bottom = Height - Margin, right = Width - Margin, top = Margin;
        DrawLine(image, left, bottom, right, bottom, black);
        DrawLine(image, left, bottom, left, top, black);
        for (int i = 1; i <= 10; i++)
        {
            int x = left + (right - left) * i / 10, y = bottom - (bottom - top) * i / 10;
            DrawLine(image, x, bottom, x, bottom + 5, black);
            DrawLine(image, left - 5, y, left, y, black);
        }
    }

    /// <summary>Bresenham's line, clipped to the image.</summary>
    private static void DrawLine(Image<Rgb24> image, int x0, int y0, int x1, int y1, Rgb24 colour)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, error = dx + dy;
        while (true)
        {
            if ((uint)x0 < (uint)image.Width && (uint)y0 < (uint)image.Height)
                image[x0, y0] = colour;
            if (x0 == x1 && y0 == y1)
                return;
            int e2 = 2 * error;
            if (e2 >= dy) { error += dy; x0 += sx; }
            if (e2 <= dx) { error += dx; y0 += sy; }
        }
    }
}

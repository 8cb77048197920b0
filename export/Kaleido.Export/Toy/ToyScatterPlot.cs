using Kaleido.Runtime.Files;
using Kaleido.Runtime.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Toy;

/// <summary>
/// Fig. 3 as a PNG: one row per model (baseline on top, latent-augmented below, as in the paper), one panel per
/// guidance scale (left to right in the settings' order). Each panel shows the square [−Extent, Extent]² with
/// its axes in light grey and the mode centres as black crosses; each sample is a 3×3 dot in the colour of
/// its model and the class it was drawn for. No text: docs/toy.md gives the legend.
/// </summary>
public static class ToyScatterPlot
{
    /// <summary>Panel side in pixels.</summary>
    public const int PanelSize = 240;

    /// <summary>Gap between panels and around the sheet.</summary>
    public const int Padding = 8;

    /// <summary>Half the side of the square each panel shows: the modes (±2, ±0.8, σ 0.35) fit with room for tails.</summary>
    public const float Extent = 3.2f;

    static readonly Rgb24 Background = new(255, 255, 255);
    static readonly Rgb24 PanelBackground = new(246, 246, 246);
    static readonly Rgb24 Axis = new(200, 200, 200);
    static readonly Rgb24 Centre = new(0, 0, 0);

    /// <summary>The dot colour of class <paramref name="classIndex"/> (0 = A, 1 = B) for <paramref name="model"/>.</summary>
    public static Rgb24 ColourOf(ToyModelKind model, int classIndex) => (model, classIndex) switch
    {
        (ToyModelKind.Baseline, 0) => new Rgb24(31, 119, 180),         // blue
        (ToyModelKind.Baseline, _) => new Rgb24(255, 127, 14),         // orange
        (ToyModelKind.LatentAugmented, 0) => new Rgb24(44, 160, 44),   // green
        _ => new Rgb24(214, 39, 40),                                    // red
    };

    /// <summary>
    /// The pixel of data point (x, y) within a panel (column right, row down), or null when it falls outside:
    /// x = −Extent maps to the left edge, y = +Extent to the top.
    /// </summary>
    public static (int Column, int Row)? PixelOf(float x, float y)
    {
        double column = Math.Floor((x + Extent) / (2 * Extent) * PanelSize);
        double row = Math.Floor((Extent - y) / (2 * Extent) * PanelSize);
        if (!(column >= 0 && column < PanelSize && row >= 0 && row < PanelSize))
            return null;
        return ((int)column, (int)row);
    }

    /// <summary>Draws the sheet: rows = models in <see cref="ToyModelKind"/> order, columns = distinct w in run order.</summary>
    public static Image<Rgb24> Render(ToyExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var models = new[] { ToyModelKind.Baseline, ToyModelKind.LatentAugmented };
        var guidances = result.Runs.Select(run => run.Guidance).Distinct().ToArray();
        int width = Padding + guidances.Length * (PanelSize + Padding);
        int height = Padding + models.Length * (PanelSize + Padding);

        var image = new Image<Rgb24>(width, height, Background);
        for (int r = 0; r < models.Length; r++)
            for (int c = 0; c < guidances.Length; c++)
            {
                var run = result.Runs.FirstOrDefault(run => run.Model == models[r] && run.Guidance == guidances[c]);
                var origin = new Point(Padding + c * (PanelSize + Padding), Padding + r * (PanelSize + Padding));
                DrawPanel(image, origin, result.Mixture, run);
            }
        return image;
    }

    /// <summary>Renders and writes the PNG atomically (the folder must exist).</summary>
    public static void Write(ToyExperimentResult result, string path)
    {
        using var image = Render(result);
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }

    static void DrawPanel(Image<Rgb24> image, Point origin, ToyMixture mixture, ToyRun? run)
    {
        for (int y = 0; y < PanelSize; y++)
            for (int x = 0; x < PanelSize; x++)
                image[origin.X + x, origin.Y + y] = PanelBackground;
        if (PixelOf(0, 0) is (int zeroColumn, int zeroRow))
            for (int i = 0; i < PanelSize; i++)
            {
                image[origin.X + i, origin.Y + zeroRow] = Axis;
                image[origin.X + zeroColumn, origin.Y + i] = Axis;
            }

        if (run is not null)
        {
            var colours = new[] { ColourOf(run.Model, 0), ColourOf(run.Model, 1) };
            for (int i = 0; i < run.Classes.Length; i++)
                if (PixelOf(run.Points[2 * i], run.Points[2 * i + 1]) is (int column, int row))
                    DrawSquare(image, origin, column, row, radius: 1, colours[Math.Min(run.Classes[i], 1)]);
        }

        // Crosses last, so the centres stay visible under dense dots.
        foreach (var mode in mixture.Modes)
            if (PixelOf(mode.X, mode.Y) is (int column, int row))
                for (int d = -4; d <= 4; d++)
                {
                    SetInPanel(image, origin, column + d, row, Centre);
                    SetInPanel(image, origin, column, row + d, Centre);
                }
    }

    static void DrawSquare(Image<Rgb24> image, Point origin, int column, int row, int radius, Rgb24 colour)
    {
        for (int dy = -radius; dy <= radius; dy++)
            for (int dx = -radius; dx <= radius; dx++)
                SetInPanel(image, origin, column + dx, row + dy, colour);
    }

    static void SetInPanel(Image<Rgb24> image, Point origin, int column, int row, Rgb24 colour)
    {
        if (column >= 0 && column < PanelSize && row >= 0 && row < PanelSize)
            image[origin.X + column, origin.Y + row] = colour;
    }
}

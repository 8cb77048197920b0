using Kaleido.Tools.Sweep;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Tests.Sweep;

public sealed class SweepPlotTests
{
    [Fact]
    public void EachModelIsOneUnbrokenPolyline_InBothPanels()
    {
        // Three models whose lines never cross (a later line would hide an earlier one where they meet), each with
        // guidance 1, 3 and 7 so every polyline has a bend.
        SweepCell Cell(string model, float w, double fid, double recall) => new(model, w, fid, 0.5, recall, 0.5, 8, 0, 1);
        SweepResult result = SweepReportTests.HandMade() with
        {
            Cells =
            [
                Cell("a", 1, 10, 0.9), Cell("a", 3, 15, 0.85), Cell("a", 7, 20, 0.8),
                Cell("b", 1, 30, 0.6), Cell("b", 3, 36, 0.55), Cell("b", 7, 40, 0.5),
                Cell("c", 1, 50, 0.3), Cell("c", 3, 52, 0.25), Cell("c", 7, 60, 0.2),
            ],
        };
        using Image<Rgb24> image = SweepPlot.Draw(result);
        Assert.Equal(2 * SweepPlot.PanelWidth, image.Width);

        int first = SweepPlot.Margin, last = SweepPlot.PanelWidth - SweepPlot.Margin - 1;
        for (int model = 0; model < 3; model++)
        {
            Rgb24 colour = SweepPlot.Colours[model];
            for (int panel = 0; panel < 2; panel++)
            {
                int left = panel * SweepPlot.PanelWidth;
                // Unbroken: every column from the first guidance to the last holds the model's colour.
                for (int x = left + first; x <= left + last; x++)
                    Assert.True(ColumnHas(image, x, colour), $"Model {model}, panel {panel}: no pixel of its colour in column {x}.");
                // Nothing of it outside the span (bar the dots' 2-pixel radius).
                Assert.False(ColumnHas(image, left + first - 3, colour), $"Model {model} drawn left of its first point in panel {panel}.");
                Assert.False(ColumnHas(image, left + last + 3, colour), $"Model {model} drawn right of its last point in panel {panel}.");
            }
        }
        Assert.False(ImageHas(image, SweepPlot.Colours[3]), "A fourth colour appeared for three models.");
    }

    [Fact]
    public void RecallPanel_PutsHigherRecallHigher()
    {
        // Kaleido's recall falls 0.75 → 0.125 from w = 1 to 7: its end at w = 7 is lower (larger y) than its start.
        using Image<Rgb24> image = SweepPlot.Draw(SweepReportTests.HandMade());
        int left = SweepPlot.PanelWidth;
        int yStart = TopmostOf(image, left + SweepPlot.Margin, SweepPlot.Colours[0]);
        int yEnd = TopmostOf(image, left + SweepPlot.PanelWidth - SweepPlot.Margin - 1, SweepPlot.Colours[0]);
        int plotHeight = SweepPlot.PanelHeight - 2 * SweepPlot.Margin - 1;
        // Expected rows, computed here: y = H − margin − 1 − round(recall · plotHeight), dot centre 2 px below the top pixel.
        Assert.Equal(SweepPlot.PanelHeight - SweepPlot.Margin - 1 - (int)Math.Round(0.75 * plotHeight), yStart + 2);
        Assert.Equal(SweepPlot.PanelHeight - SweepPlot.Margin - 1 - (int)Math.Round(0.125 * plotHeight), yEnd + 2);
    }

    static bool ColumnHas(Image<Rgb24> image, int x, Rgb24 colour) => TopmostOf(image, x, colour) >= 0;

    static int TopmostOf(Image<Rgb24> image, int x, Rgb24 colour)
    {
        for (int y = 0; y < image.Height; y++)
        {
            if (image[x, y] == colour)
                return y;
        }
        return -1;
    }

    static bool ImageHas(Image<Rgb24> image, Rgb24 colour)
    {
        for (int x = 0; x < image.Width; x++)
        {
            if (ColumnHas(image, x, colour))
                return true;
        }
        return false;
    }
}

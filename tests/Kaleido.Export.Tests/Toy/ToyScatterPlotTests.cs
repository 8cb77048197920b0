using Kaleido.Export.Toy;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyScatterPlotTests
{
    const int Panel = ToyScatterPlot.PanelSize, Pad = ToyScatterPlot.Padding;

    [Fact]
    public void Pixel_mapping_puts_the_corners_at_the_panel_edges()
    {
        Assert.Equal((0, 0), ToyScatterPlot.PixelOf(-ToyScatterPlot.Extent, ToyScatterPlot.Extent));
        Assert.Equal((Panel / 2, Panel / 2), ToyScatterPlot.PixelOf(0, 0));
        Assert.Null(ToyScatterPlot.PixelOf(ToyScatterPlot.Extent, 0));   // right edge is outside [0, Panel)
        Assert.Null(ToyScatterPlot.PixelOf(0, -ToyScatterPlot.Extent - 1));
    }

    [Fact]
    public void Each_run_is_drawn_in_its_panel_in_its_colours()
    {
        // One class-A and one class-B point per run, at different places per run.
        var runs = new List<ToyRun>();
        foreach (var model in new[] { ToyModelKind.Baseline, ToyModelKind.LatentAugmented })
            foreach (float w in new[] { 1f, 7f })
            {
                float[] points = [-1.5f, 1.5f, 2.5f, -2f];
                int[] classes = [0, 1];
                runs.Add(new ToyRun(model, w, points, classes, ToyModeShares.Count(ToyMixture.Paper, points, classes)));
            }
        var result = new ToyExperimentResult(ToyMixture.Paper, runs, [], [0, 0], new Dictionary<ToyModelKind, double>());

        using var image = ToyScatterPlot.Render(result);

        Assert.Equal(Pad + 2 * (Panel + Pad), image.Width);
        Assert.Equal(Pad + 2 * (Panel + Pad), image.Height);
        for (int row = 0; row < 2; row++)
            for (int column = 0; column < 2; column++)
            {
                var model = row == 0 ? ToyModelKind.Baseline : ToyModelKind.LatentAugmented;
                int originX = Pad + column * (Panel + Pad), originY = Pad + row * (Panel + Pad);
                // (−1.5, 1.5) → column floor(1.7/6.4·240) = 63, row floor(1.7/6.4·240) = 63.
                Assert.Equal(ToyScatterPlot.ColourOf(model, 0), image[originX + 63, originY + 63]);
                // (2.5, −2) → column floor(5.7/6.4·240) = 213, row floor(5.2/6.4·240) = 195.
                Assert.Equal(ToyScatterPlot.ColourOf(model, 1), image[originX + 213, originY + 195]);
                // Mode centre (−2, 0) → (45, 120): a black cross.
                Assert.Equal(new Rgb24(0, 0, 0), image[originX + 45, originY + 120]);
            }
        Assert.Equal(new Rgb24(255, 255, 255), image[Pad / 2, Pad / 2]);
    }

    [Fact]
    public void Write_produces_a_png_that_reads_back()
    {
        string folder = Directory.CreateTempSubdirectory("toy-plot").FullName;
        try
        {
            float[] points = [0f, 0f];
            int[] classes = [0];
            var runs = new[] { new ToyRun(ToyModelKind.Baseline, 1f, points, classes, ToyModeShares.Count(ToyMixture.Paper, points, classes)) };
            var result = new ToyExperimentResult(ToyMixture.Paper, runs, [], [], new Dictionary<ToyModelKind, double>());
            string path = Path.Combine(folder, "plot.png");

            ToyScatterPlot.Write(result, path);

            using var image = Image.Load<Rgb24>(path);
            Assert.Equal(Pad + Panel + Pad, image.Width);
            Assert.Equal(Pad + 2 * (Panel + Pad), image.Height);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Kaleido.Export.Toy;
using Kaleido.Plots;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyScatterPlotTests
{
    static ToyRun Run(ToyModelKind model, float w, float[] points, int[] classes) =>
        new(model, w, points, classes, ToyModeShares.Count(ToyMixture.Paper, points, classes));

    [Fact]
    public void Each_run_is_drawn_in_its_panel_in_its_colours_with_the_mode_centres_as_crosses()
    {
        // One class-A and one class-B point per run, away from every mode centre.
        float[] points = [-1.5f, 1.5f, 2.5f, -2f];
        int[] classes = [0, 1];
        var runs = new List<ToyRun>();
        foreach (var model in new[] { ToyModelKind.Baseline, ToyModelKind.LatentAugmented })
            foreach (float w in new[] { 1f, 7f })
                runs.Add(Run(model, w, points, classes));
        var result = new ToyExperimentResult(ToyMixture.Paper, runs, [], [0, 0], new Dictionary<ToyModelKind, double>());

        Figure figure = ToyScatterPlot.Describe(result);
        using var rendered = FigureRenderer.Render(figure);

        Assert.Equal((2 * ToyScatterPlot.PanelSize, 2 * ToyScatterPlot.PanelSize), (rendered.Width, rendered.Height));
        Assert.Equal(["baseline, w = 1", "baseline, w = 7", "latent-augmented, w = 1", "latent-augmented, w = 7"],
            figure.Panels.Select(p => p.Title));
        for (int p = 0; p < 4; p++)
        {
            var model = p < 2 ? ToyModelKind.Baseline : ToyModelKind.LatentAugmented;
            // Grid order: rows are models, columns guidance scales.
            float left = p % 2 * ToyScatterPlot.PanelSize, top = p / 2 * ToyScatterPlot.PanelSize;
            for (int i = 0; i < classes.Length; i++)
            {
                var (x, y) = rendered.PixelOf(p, points[2 * i], points[2 * i + 1]);
                Assert.InRange(x, left, left + ToyScatterPlot.PanelSize);
                Assert.InRange(y, top, top + ToyScatterPlot.PanelSize);
                Assert.Equal(ToyScatterPlot.ColourOf(model, classes[i]), rendered.ColourAt(x, y));
            }
            foreach (var mode in ToyMixture.Paper.Modes)
            {
                var (x, y) = rendered.PixelOf(p, mode.X, mode.Y);
                PlotColour centre = rendered.ColourAt(x, y);
                Assert.True(centre.R < 80 && centre.G < 80 && centre.B < 80, $"Mode ({mode.X}, {mode.Y}) in panel {p} is {centre}, not black.");
            }
        }
    }

    [Fact]
    public void Write_produces_a_png_that_reads_back()
    {
        string folder = Directory.CreateTempSubdirectory("toy-plot").FullName;
        try
        {
            var result = new ToyExperimentResult(ToyMixture.Paper, [Run(ToyModelKind.Baseline, 1f, [0f, 0f], [0])], [], [],
                new Dictionary<ToyModelKind, double>());
            string path = Path.Combine(folder, "plot.png");

            ToyScatterPlot.Write(result, path);

            using var image = Image.Load<Rgb24>(path);
            // One guidance scale: one column; both model rows, the latent-augmented one empty.
            Assert.Equal(ToyScatterPlot.PanelSize, image.Width);
            Assert.Equal(2 * ToyScatterPlot.PanelSize, image.Height);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

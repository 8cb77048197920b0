using Kaleido.Export.Training;
using Kaleido.Plots;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Tests.Training;

public class LossCurvePlotAndOptionsTests
{
    [Fact]
    public void Plot_draws_each_loss_in_its_panel_falling_where_the_loss_falls()
    {
        var history = Enumerable.Range(1, 200)
            .Select(s => new StepReport(s, 0, ArLoss: 4.0 / s, DiffusionLoss: 1.0 - s / 400.0, 1e-3, 0.1)).ToList();
        Figure figure = LossCurvePlot.Describe(history);
        using var rendered = FigureRenderer.Render(figure);

        for (int panel = 0; panel < 2; panel++)
        {
            PlotSeries series = Assert.Single(figure.Panels[panel].Series);
            Assert.Equal(panel == 0 ? LossCurvePlot.ArColour : LossCurvePlot.DiffusionColour, series.Colour);
            // Smoothed over 1 % of the steps (2 here): every step is plotted, and the curve falls left to right.
            Assert.Equal(200, series.X.Count);
            var (x0, y0) = rendered.PixelOf(panel, series.X[0], series.Y[0]);
            var (x1, y1) = rendered.PixelOf(panel, series.X[^1], series.Y[^1]);
            Assert.True(x0 < x1 && y0 < y1, $"Panel {panel}: the curve runs from ({x0}, {y0}) to ({x1}, {y1}).");
            var (xm, ym) = rendered.PixelOf(panel, series.X[100], series.Y[100]);
            Assert.Equal(series.Colour, rendered.ColourAt(xm, ym));
        }
        Assert.Equal(4.0 / 1, figure.Panels[0].Series[0].Y[0]);
        Assert.Equal((4.0 / 1 + 4.0 / 2) / 2, figure.Panels[0].Series[0].Y[1], 12);
    }

    [Fact]
    public void Plot_is_written_as_a_png_and_a_stage_without_losses_leaves_its_panel_empty()
    {
        var history = Enumerable.Range(1, 50).Select(s => new StepReport(s, 0, ArLoss: 1.0 / s, DiffusionLoss: null, 1e-3, 0.1)).ToList();
        Assert.Empty(LossCurvePlot.Describe(history).Panels[1].Series);
        string path = Path.Combine(Path.GetTempPath(), $"kaleido-loss-{Guid.NewGuid():N}.png");
        try
        {
            LossCurvePlot.Write(path, history);
            using var image = Image.Load<Rgb24>(path);
            Assert.Equal(LossCurvePlot.Describe(history).Width, image.Width);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OptionsParseIntoSettings()
    {
        var options = TrainingOptions.Parse(["--stage", "kaleido", "--manifest", "m.jsonl", "--tokenizer", "tok", "--out", "ckpt",
            "--prior", "p", "--steps", "300", "--eta", "0.5", "--p-uncond", "0.2", "--seed", "9"]);
        Assert.Equal(TrainingStage.Kaleido, options.Stage);
        Assert.Equal(300, options.Settings.Steps);
        Assert.Equal(0.5, options.Settings.ArWeight);
        Assert.Equal(0.2, options.Settings.UnconditionalProbability);
        Assert.Equal(9UL, options.Settings.Seed);
    }

    [Theory]
    [InlineData("--stage kaleido --manifest m --tokenizer t --out o", "--prior")]
    [InlineData("--stage later --manifest m --tokenizer t --out o", "--stage")]
    [InlineData("--stage prior --manifest m --tokenizer t --out o --steps many", "--steps")]
    [InlineData("--stage prior --manifest m --tokenizer t --out o --colour red", "--colour")]
    [InlineData("--stage prior --manifest m --tokenizer t --out o --p-uncond 2", "UnconditionalProbability")]
    public void BadOptionsNameTheOption(string args, string named)
    {
        var e = Assert.Throws<TrainingInputException>(() => TrainingOptions.Parse(args.Split(' ')));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void CommandReportsUserMistakesWithoutAStackTrace()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TrainingCommand.Run(["--stage", "prior", "--manifest", "missing.jsonl", "--tokenizer", "/nonexistent-tokenizer", "--out", "o"], output, error);
        Assert.Equal(2, code);
        Assert.DoesNotContain(" at ", error.ToString());
        Assert.NotEmpty(error.ToString());
    }
}

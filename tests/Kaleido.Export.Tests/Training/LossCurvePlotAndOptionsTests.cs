using Kaleido.Export.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Tests.Training;

public class LossCurvePlotAndOptionsTests
{
    [Fact]
    public void PlotDrawsOneFallingPolylinePerLoss()
    {
        var history = Enumerable.Range(1, 200)
            .Select(s => new StepReport(s, 0, ArLoss: 4.0 / s, DiffusionLoss: 1.0 - s / 400.0, 1e-3, 0.1)).ToList();
        string path = Path.Combine(Path.GetTempPath(), $"kaleido-loss-{Guid.NewGuid():N}.png");
        try
        {
            LossCurvePlot.Write(path, history);
            using var image = Image.Load<Rgb24>(path);
            // Both colours appear; the blue curve (4/s) is high on the left and low on the right.
            int HighestRow(Rgb24 colour, int x0, int x1)
            {
                for (int y = 0; y < image.Height; y++)
                    for (int x = x0; x < x1; x++)
                        if (image[x, y].Equals(colour)) return y;
                return -1;
            }
            int blueLeft = HighestRow(LossCurvePlot.ArColour, 0, image.Width / 4);
            int blueRight = HighestRow(LossCurvePlot.ArColour, 3 * image.Width / 4, image.Width);
            Assert.True(blueLeft >= 0 && blueRight > blueLeft, $"L_AR curve rows {blueLeft} (left) and {blueRight} (right).");
            Assert.True(HighestRow(LossCurvePlot.DiffusionColour, 0, image.Width) >= 0, "No L_DM curve drawn.");
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

using System.Text.Json;
using Kaleido.Tools.Sweep;

namespace Kaleido.Tools.Tests.Sweep;

public sealed class SweepReportTests
{
    internal static SweepResult HandMade() => new(
        "ddim", 20, 4, ["a shape", "a red circle"], 2000,
        [
            new SweepCell("kaleido-shapes", 1f, 12.345, 0.5, 0.75, 0.25, 8, 0, 3.0),
            new SweepCell("kaleido-shapes", 7f, 30.0, 0.875, 0.125, 0.1875, 7, 1, 3.5),
            new SweepCell("baseline-shapes", 1f, 10.0, 0.625, 0.5, 0.3125, 8, 0, 2.0),
            new SweepCell("baseline-shapes", 7f, 40.5, 0.9, 0.05, 0.125, 8, 0, 2.5),
        ]);

    [Fact]
    public void Markdown_HasOneRowPerCell_WithRoundedNumbers()
    {
        string md = SweepReport.ToMarkdown(HandMade());
        string[] rows = md.Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| model")).ToArray();
        Assert.Equal(
            [
                "| kaleido-shapes | 1 | 12.35 | 0.500 | 0.750 | 0.250 | 8 |",
                "| kaleido-shapes | 7 | 30.00 | 0.875 | 0.125 | 0.188 | 7 (1 failed) |",
                "| baseline-shapes | 1 | 10.00 | 0.625 | 0.500 | 0.313 | 8 |",
                "| baseline-shapes | 7 | 40.50 | 0.900 | 0.050 | 0.125 | 8 |",
            ],
            rows);
        Assert.Contains("DDIM, 20 steps; 2 captions × 4 samples per cell; 2000 real images", md);
        Assert.Contains("the legends name the models", md);
    }

    [Fact]
    public void Json_HoldsEveryNumber_AndReadsBack()
    {
        SweepResult result = HandMade();
        string json = SweepReport.ToJson(result);
        using var document = JsonDocument.Parse(json);
        var cells = document.RootElement.GetProperty("cells");
        Assert.Equal(4, cells.GetArrayLength());
        Assert.Equal(12.345, cells[0].GetProperty("fid").GetDouble());
        Assert.Equal("baseline-shapes", cells[2].GetProperty("model").GetString());
        Assert.Equal(1, cells[1].GetProperty("failed").GetInt32());
        Assert.Equal("a red circle", document.RootElement.GetProperty("captions")[1].GetString());

        SweepResult back = SweepReport.FromJson(json);
        Assert.Equal(result.Cells, back.Cells);
        Assert.Equal(result.Captions, back.Captions);
        Assert.Equal(result.Steps, back.Steps);
    }
}

using Kaleido.Plots;
using Kaleido.Tools.Sweep;

namespace Kaleido.Tools.Tests.Sweep;

public sealed class SweepPlotTests
{
    static SweepCell Cell(string model, float w, double fid, double recall) => new(model, w, fid, 0.5, recall, 0.5, 8, 0, 1);

    [Fact]
    public void Each_model_is_one_series_per_panel_in_guidance_order_with_its_fid_and_recall()
    {
        // Cells out of guidance order: the series sort them.
        SweepResult result = SweepReportTests.HandMade() with
        {
            Cells = [Cell("a", 7, 20, 0.8), Cell("a", 1, 10, 0.9), Cell("a", 3, 15, 0.85), Cell("b", 3, 36, 0.55), Cell("b", 1, 30, 0.6)],
        };
        Figure figure = SweepPlot.Describe(result);

        Assert.Equal(2, figure.Panels.Count);
        Assert.Equal(["a", "b"], figure.Panels[0].Series.Select(s => s.Label));
        Assert.Equal([1.0, 3, 7], figure.Panels[0].Series[0].X);
        Assert.Equal([10.0, 15, 20], figure.Panels[0].Series[0].Y);
        Assert.Equal([0.6, 0.55], figure.Panels[1].Series[1].Y);
        Assert.Equal(SweepPlot.Colours[1], figure.Panels[1].Series[1].Colour);
        Assert.Equal(new AxisRange(0, 1), figure.Panels[1].YRange);
        Assert.Equal(0, figure.Panels[0].YRange!.Value.Min);
        Assert.True(figure.Panels[0].YRange!.Value.Max > 36, "The FID axis cuts off the largest FID.");
    }

    [Fact]
    public void Recall_panel_puts_higher_recall_higher_and_each_cell_in_its_model_colour()
    {
        // Kaleido's recall falls 0.75 → 0.125 from w = 1 to 7: its point at w = 7 is lower (larger row) than at w = 1.
        SweepResult result = SweepReportTests.HandMade();
        Figure figure = SweepPlot.Describe(result);
        using var rendered = FigureRenderer.Render(figure);

        string kaleido = result.Models[0];
        SweepCell first = result.Cells.Where(c => c.Model == kaleido).MinBy(c => c.Guidance)!;
        SweepCell last = result.Cells.Where(c => c.Model == kaleido).MaxBy(c => c.Guidance)!;
        Assert.True(first.Recall > last.Recall, "The hand-made result no longer has falling recall.");
        Assert.True(rendered.PixelOf(1, first.Guidance, first.Recall).Y < rendered.PixelOf(1, last.Guidance, last.Recall).Y);
        for (int m = 0; m < result.Models.Count; m++)
            foreach (SweepCell cell in result.Cells.Where(c => c.Model == result.Models[m]))
            {
                var (x, y) = rendered.PixelOf(0, cell.Guidance, cell.Fid);
                Assert.Equal(SweepPlot.Colours[m], rendered.ColourAt(x, y));
            }
    }
}

using Kaleido.Plots;

namespace Kaleido.Tools.Tests.Plots;

public sealed class FigureRendererTests
{
    static readonly PlotColour Red = new(220, 30, 30), Blue = new(30, 60, 220);

    [Fact]
    public void Every_point_of_every_series_is_drawn_in_its_colour_in_its_panel()
    {
        // Fresh random points; the two series keep to separate halves (x < 0 and x > 0) so that neither covers the
        // other. The legend sits below the axes, outside the data.
        var random = new Random();
        double[] Values(int count, double min, double max) => Enumerable.Range(0, count).Select(_ => min + random.NextDouble() * (max - min)).ToArray();
        PlotPanel Panel(string title) => new(title, "x", "y",
        [
            new PlotSeries("left", Values(12, -9, -1), Values(12, -9, -1), Red, SeriesStyle.Markers),
            new PlotSeries("right", Values(12, 1, 9), Values(12, -9, -1), Blue, SeriesStyle.Markers),
        ])
        {
            XRange = new AxisRange(-10, 10),
            YRange = new AxisRange(-10, 10),
        };
        var figure = new Figure([Panel("one"), Panel("two"), Panel("three")], Columns: 2) { PanelWidth = 300, PanelHeight = 240 };

        using var rendered = FigureRenderer.Render(figure);

        Assert.Equal((600, 480), (rendered.Width, rendered.Height));
        for (int p = 0; p < figure.Panels.Count; p++)
        {
            // Grid order: left to right, then top to bottom.
            float left = p % 2 * 300, top = p / 2 * 240;
            foreach (PlotSeries series in figure.Panels[p].Series)
                for (int i = 0; i < series.X.Count; i++)
                {
                    var (x, y) = rendered.PixelOf(p, series.X[i], series.Y[i]);
                    Assert.InRange(x, left, left + 300);
                    Assert.InRange(y, top, top + 240);
                    Assert.Equal(series.Colour, rendered.ColourAt(x, y));
                }
        }
    }

    [Fact]
    public void Higher_values_are_drawn_higher_and_crosses_are_black()
    {
        var panel = new PlotPanel("rising", "step", "value", [new PlotSeries("rising", [0, 1, 2, 3], [0, 1, 4, 9], Blue)])
        {
            Crosses = [(1.5, 6)],
        };
        using var rendered = FigureRenderer.Render(new Figure([panel], Columns: 1));

        float[] rows = [.. new[] { 0.0, 1, 4, 9 }.Select((y, i) => rendered.PixelOf(0, i, y).Y)];
        Assert.True(rows.Zip(rows.Skip(1)).All(pair => pair.First > pair.Second), $"Rows {string.Join(", ", rows)} do not rise.");
        var (cx, cy) = rendered.PixelOf(0, 1.5, 6);
        PlotColour cross = rendered.ColourAt(cx, cy);
        Assert.True(cross.R < 80 && cross.G < 80 && cross.B < 80, $"The cross's centre is {cross}, not black.");
        // Between the points the line is drawn: the midpoint of the first segment is blue too.
        var (mx, my) = rendered.PixelOf(0, 0.5, 0.5);
        Assert.Equal(Blue, rendered.ColourAt(mx, my));
    }

    [Fact]
    public void A_title_is_drawn_above_the_data()
    {
        PlotPanel Panel(string title) => new(title, "x", "y", [new PlotSeries("s", [0, 1], [0, 1], Blue)]);
        using var titled = FigureRenderer.Render(new Figure([Panel("A title")], Columns: 1));
        using var untitled = FigureRenderer.Render(new Figure([Panel("")], Columns: 1));

        float dataTop = titled.PixelOf(0, 0, 1).Y;
        int differing = 0;
        for (int y = 0; y < (int)dataTop - 10; y++)
            for (int x = 0; x < titled.Width; x++)
                differing += titled.ColourAt(x, y) != untitled.ColourAt(x, y) ? 1 : 0;
        Assert.True(differing > 50, $"Only {differing} pixels above the data differ with a title.");
    }

    [Fact]
    public void A_series_whose_x_and_y_counts_differ_is_refused_by_name()
    {
        var panel = new PlotPanel("t", "x", "y", [new PlotSeries("uneven", [0, 1, 2], [0, 1], Red)]);
        var e = Assert.Throws<ArgumentException>(() => FigureRenderer.ToPng(new Figure([panel], Columns: 1)));
        Assert.Contains("uneven", e.Message);
    }

    [Fact]
    public void The_same_figure_gives_the_same_bytes()
    {
        var panel = new PlotPanel("t", "x", "y", [new PlotSeries("s", [0, 1, 2], [2, 0, 1], Red)]);
        Assert.Equal(FigureRenderer.ToPng(new Figure([panel], Columns: 1)), FigureRenderer.ToPng(new Figure([panel], Columns: 1)));
    }
}

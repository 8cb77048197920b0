using ScottPlot;

namespace Kaleido.Plots;

/// <summary>Draws a <see cref="Figure"/> with ScottPlot: one ScottPlot plot per panel, tiled into one PNG.</summary>
public static class FigureRenderer
{
    /// <summary>The figure as PNG bytes (callers write them atomically).</summary>
    public static byte[] ToPng(Figure figure)
    {
        using Rendered rendered = Render(figure);
        return rendered.Png;
    }

    /// <summary>
    /// Renders the figure and keeps the ScottPlot plots, whose last render maps data to figure pixels
    /// (<see cref="Rendered.PixelOf"/>): the tests check that each point lands where its colour is.
    /// </summary>
    internal static Rendered Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Panels.Count == 0 || figure.Columns < 1)
            throw new ArgumentException("A figure needs at least one panel and one column.", nameof(figure));
        var multiplot = new Multiplot();
        multiplot.RemovePlot(multiplot.GetPlot(0));
        foreach (PlotPanel panel in figure.Panels)
            multiplot.AddPlot(Build(panel));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(figure.Rows, figure.Columns);
        using ScottPlot.Image image = multiplot.Render(figure.Width, figure.Height);
        byte[] png = image.GetImageBytes(ImageFormat.Png, 100);
        return new Rendered(multiplot, png);
    }

    static Plot Build(PlotPanel panel)
    {
        var plot = new Plot();
        plot.Title(panel.Title);
        plot.XLabel(panel.XLabel);
        plot.YLabel(panel.YLabel);
        foreach (PlotSeries series in panel.Series)
        {
            if (series.X.Count != series.Y.Count)
                throw new ArgumentException($"Series '{series.Label}' has {series.X.Count} x values but {series.Y.Count} y values.");
            var scatter = plot.Add.Scatter(series.X.ToArray(), series.Y.ToArray());
            scatter.LegendText = series.Label;
            scatter.Color = ToScottPlot(series.Colour);
            scatter.MarkerSize = series.MarkerSize;
            scatter.MarkerShape = MarkerShape.FilledCircle;
            scatter.LineWidth = series.Style == SeriesStyle.LineWithMarkers ? 2 : 0;
        }
        foreach (var (x, y) in panel.Crosses)
        {
            var marker = plot.Add.Marker(x, y, MarkerShape.Cross, size: 12, color: Colors.Black);
            marker.MarkerLineWidth = 2;
        }
        if (panel.Series.Count > 0)
            plot.ShowLegend(Edge.Bottom);
        if (panel.XRange is AxisRange xRange)
            plot.Axes.SetLimitsX(xRange.Min, xRange.Max);
        if (panel.YRange is AxisRange yRange)
            plot.Axes.SetLimitsY(yRange.Min, yRange.Max);
        return plot;
    }

    internal static ScottPlot.Color ToScottPlot(PlotColour colour) => new(colour.R, colour.G, colour.B);

    /// <summary>A rendered figure: its PNG and the plots that drew it.</summary>
    internal sealed class Rendered(Multiplot multiplot, byte[] png) : IDisposable
    {
        readonly SkiaSharp.SKBitmap decoded = SkiaSharp.SKBitmap.Decode(png);

        public byte[] Png { get; } = png;

        public int Width => decoded.Width;
        public int Height => decoded.Height;

        /// <summary>The colour of the PNG's pixel that holds figure point (x, y), decoded from <see cref="Png"/>.</summary>
        public PlotColour ColourAt(float x, float y)
        {
            SkiaSharp.SKColor colour = decoded.GetPixel((int)MathF.Floor(x), (int)MathF.Floor(y));
            return new PlotColour(colour.Red, colour.Green, colour.Blue);
        }

        /// <summary>The figure pixel of data point (x, y) in panel <paramref name="panel"/>.</summary>
        public (float X, float Y) PixelOf(int panel, double x, double y)
        {
            Pixel pixel = multiplot.GetPlot(panel).GetPixel(new Coordinates(x, y));
            return (pixel.X, pixel.Y);
        }

        public void Dispose()
        {
            decoded.Dispose();
            foreach (Plot plot in multiplot.GetPlots())
                plot.Dispose();
        }
    }
}

namespace Kaleido.Plots;

/// <summary>A colour as 8-bit RGB, so that callers need no plotting types.</summary>
public readonly record struct PlotColour(byte R, byte G, byte B);

/// <summary>How a series is drawn: points joined by lines, or points alone (a scatter of samples).</summary>
public enum SeriesStyle
{
    LineWithMarkers,
    Markers,
}

/// <summary>One named series of (x, y) points; its label goes in the panel's legend.</summary>
public sealed record PlotSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, PlotColour Colour,
    SeriesStyle Style = SeriesStyle.LineWithMarkers)
{
    /// <summary>Marker diameter in pixels.</summary>
    public float MarkerSize { get; init; } = 7;
}

/// <summary>An inclusive axis range; a panel without one fits its data.</summary>
public readonly record struct AxisRange(double Min, double Max);

/// <summary>One panel: a title, labelled axes, its series and a legend naming them.</summary>
public sealed record PlotPanel(string Title, string XLabel, string YLabel, IReadOnlyList<PlotSeries> Series)
{
    /// <summary>Reference points drawn as black crosses on top of the series (the toy's mode centres).</summary>
    public IReadOnlyList<(double X, double Y)> Crosses { get; init; } = [];

    public AxisRange? XRange { get; init; }
    public AxisRange? YRange { get; init; }
}

/// <summary>Panels laid out in a grid, left to right then top to bottom, each <see cref="PanelWidth"/> × <see cref="PanelHeight"/>.</summary>
public sealed record Figure(IReadOnlyList<PlotPanel> Panels, int Columns)
{
    public int PanelWidth { get; init; } = 480;
    public int PanelHeight { get; init; } = 360;

    public int Rows => (Panels.Count + Columns - 1) / Columns;
    public int Width => Columns * PanelWidth;
    public int Height => Rows * PanelHeight;
}

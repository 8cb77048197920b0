using Kaleido.Plots;
using Kaleido.Runtime.Files;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// The paper's Fig. 5: two panels side by side, FID against guidance (left) and recall against guidance (right),
/// one line per model in <see cref="Colours"/> order, with titles, labelled axes and a legend (ScottPlot, via
/// <see cref="FigureRenderer"/>).
/// </summary>
public static class SweepPlot
{
    public static IReadOnlyList<PlotColour> Colours { get; } = [new(220, 30, 30), new(30, 60, 220), new(20, 160, 40), new(230, 140, 0)];

    /// <summary>The two panels: FID from 0 up, recall from 0 to 1.</summary>
    public static Figure Describe(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double maxFid = Math.Max(result.Cells.Select(c => c.Fid).DefaultIfEmpty(1).Max(), 1e-9) * 1.15;
        PlotPanel Panel(string title, string yLabel, Func<SweepCell, double> value, AxisRange yRange) =>
            new(title, "guidance scale w", yLabel, result.Models.Select((model, m) => Series(result, model, m, value)).ToArray())
            {
                YRange = yRange,
            };
        return new Figure(
        [
            Panel("FID against guidance (lower is better)", "FID", c => c.Fid, new AxisRange(0, maxFid)),
            Panel("Recall against guidance (diversity)", "recall (k = 3)", c => c.Recall, new AxisRange(0, 1)),
        ], Columns: 2);
    }

    /// <summary>Writes the figure as a PNG, atomically.</summary>
    public static void Save(SweepResult result, string path)
    {
        byte[] png = FigureRenderer.ToPng(Describe(result));
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    static PlotSeries Series(SweepResult result, string model, int index, Func<SweepCell, double> value)
    {
        SweepCell[] cells = result.Cells.Where(c => c.Model == model).OrderBy(c => c.Guidance).ToArray();
        return new PlotSeries(model, cells.Select(c => (double)c.Guidance).ToArray(), cells.Select(value).ToArray(),
            Colours[index % Colours.Count]);
    }
}

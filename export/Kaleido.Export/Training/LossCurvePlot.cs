using Kaleido.Plots;
using Kaleido.Runtime.Files;

namespace Kaleido.Export.Training;

/// <summary>
/// The losses per step (ScottPlot, via <see cref="FigureRenderer"/>): L_AR (blue) and L_DM (red) in two panels
/// side by side, since their scales differ by an order of magnitude. Each series is smoothed with a moving
/// average of 1 % of its steps; a stage that did not train leaves its panel empty.
/// </summary>
public static class LossCurvePlot
{
    public static readonly PlotColour ArColour = new(40, 90, 220);
    public static readonly PlotColour DiffusionColour = new(220, 50, 40);

    public static Figure Describe(IReadOnlyList<StepReport> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var ar = Smooth(history.Where(r => r.ArLoss is not null).Select(r => (r.Step, r.ArLoss!.Value)).ToList());
        var dm = Smooth(history.Where(r => r.DiffusionLoss is not null).Select(r => (r.Step, r.DiffusionLoss!.Value)).ToList());
        return new Figure(
        [
            Panel("Prior: L_AR per step", "L_AR (cross-entropy)", "L_AR", ar, ArColour),
            Panel("Denoiser: L_DM per step", "L_DM", "L_DM", dm, DiffusionColour),
        ], Columns: 2);
    }

    /// <summary>Renders and writes the PNG atomically.</summary>
    public static void Write(string path, IReadOnlyList<StepReport> history)
    {
        byte[] png = FigureRenderer.ToPng(Describe(history));
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    static PlotPanel Panel(string title, string yLabel, string label, List<(long Step, double Value)> points, PlotColour colour) =>
        new(title, "step", yLabel, points.Count == 0
            ? []
            : [new PlotSeries($"{label} (moving average)", points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Value).ToArray(), colour)
            {
                MarkerSize = 0,
            }]);

    static List<(long Step, double Value)> Smooth(List<(long Step, double Value)> points)
    {
        int window = Math.Max(1, points.Count / 100);
        var smoothed = new List<(long, double)>(points.Count);
        double sum = 0;
        for (int i = 0; i < points.Count; i++)
        {
            sum += points[i].Value;
            if (i >= window)
                sum -= points[i - window].Value;
            smoothed.Add((points[i].Step, sum / Math.Min(i + 1, window)));
        }
        return smoothed;
    }
}

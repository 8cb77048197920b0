using Kaleido.Plots;
using Kaleido.Runtime.Files;

namespace Kaleido.Export.Toy;

/// <summary>
/// Fig. 3 as a PNG (ScottPlot, via <see cref="FigureRenderer"/>): one row per model (baseline on top,
/// latent-augmented below, as in the paper), one panel per guidance scale (left to right in the settings' order).
/// Each panel shows the square [−Extent, Extent]² with the samples as dots in the colour of their model and class,
/// the mode centres as black crosses, a title naming model and w, and a legend naming the classes.
/// </summary>
public static class ToyScatterPlot
{
    /// <summary>Panel side in pixels.</summary>
    public const int PanelSize = 320;

    /// <summary>Half the side of the square each panel shows: the modes (±2, ±0.8, σ 0.35) fit with room for tails.</summary>
    public const float Extent = 3.2f;

    static readonly ToyModelKind[] Models = [ToyModelKind.Baseline, ToyModelKind.LatentAugmented];

    /// <summary>The dot colour of class <paramref name="classIndex"/> (0 = A, 1 = B) for <paramref name="model"/>.</summary>
    public static PlotColour ColourOf(ToyModelKind model, int classIndex) => (model, classIndex) switch
    {
        (ToyModelKind.Baseline, 0) => new PlotColour(31, 119, 180),         // blue
        (ToyModelKind.Baseline, _) => new PlotColour(255, 127, 14),         // orange
        (ToyModelKind.LatentAugmented, 0) => new PlotColour(44, 160, 44),   // green
        _ => new PlotColour(214, 39, 40),                                    // red
    };

    /// <summary>The panels: rows = models in <see cref="ToyModelKind"/> order, columns = distinct w in run order.</summary>
    public static Figure Describe(ToyExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        float[] guidances = result.Runs.Select(run => run.Guidance).Distinct().ToArray();
        var crosses = result.Mixture.Modes.Select(mode => ((double)mode.X, (double)mode.Y)).ToArray();
        var panels = new List<PlotPanel>();
        foreach (ToyModelKind model in Models)
            foreach (float w in guidances)
            {
                ToyRun? run = result.Runs.FirstOrDefault(run => run.Model == model && run.Guidance == w);
                panels.Add(new PlotPanel($"{NameOf(model)}, w = {w:0.##}", "x", "y", run is null ? [] : [ClassSeries(run, 0), ClassSeries(run, 1)])
                {
                    Crosses = crosses,
                    XRange = new AxisRange(-Extent, Extent),
                    YRange = new AxisRange(-Extent, Extent),
                });
            }
        return new Figure(panels, Math.Max(1, guidances.Length)) { PanelWidth = PanelSize, PanelHeight = PanelSize };
    }

    /// <summary>Renders and writes the PNG atomically (the folder must exist).</summary>
    public static void Write(ToyExperimentResult result, string path)
    {
        byte[] png = FigureRenderer.ToPng(Describe(result));
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    static string NameOf(ToyModelKind model) => model == ToyModelKind.Baseline ? "baseline" : "latent-augmented";

    /// <summary>The samples drawn for class <paramref name="classIndex"/> (every class ≥ 1 counts as B, as in the shares).</summary>
    static PlotSeries ClassSeries(ToyRun run, int classIndex)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < run.Classes.Length; i++)
            if (Math.Min(run.Classes[i], 1) == classIndex)
            {
                x.Add(run.Points[2 * i]);
                y.Add(run.Points[2 * i + 1]);
            }
        return new PlotSeries(classIndex == 0 ? "class A" : "class B", x, y, ColourOf(run.Model, classIndex), SeriesStyle.Markers)
        {
            MarkerSize = 3,
        };
    }
}

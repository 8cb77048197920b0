using System.Diagnostics;

namespace Kaleido.Tools.Dataset;

/// <summary>Runs <c>kaleido-tools dataset</c>: generates, then reports what was written and how fast.</summary>
public static class DatasetCommand
{
    public static int Run(DatasetOptions options, TextWriter output)
    {
        var settings = new DatasetSettings(options.Count, options.Seed, options.Size, options.CodebookSize, options.KMeansIterations);
        var clock = Stopwatch.StartNew();
        DatasetSummary summary = DatasetGenerator.Generate(settings, options.Out);
        double seconds = clock.Elapsed.TotalSeconds;

        output.WriteLine($"Wrote {summary.Count} images of {settings.Side}x{settings.Side} to '{summary.ImageFolder}'.");
        foreach (string manifest in summary.Manifests)
            output.WriteLine($"Wrote {manifest}.");
        output.WriteLine($"Wrote {summary.CodebookPath} ({settings.CodebookSize} codes of 8x8 patches).");
        output.WriteLine($"Took {seconds:F1} s ({summary.Count / Math.Max(seconds, 1e-9):F0} images/s).");
        return ExitCodes.Ok;
    }
}

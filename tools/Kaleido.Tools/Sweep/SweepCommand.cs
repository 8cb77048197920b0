
namespace Kaleido.Tools.Sweep;

/// <summary>Runs <c>kaleido-tools sweep</c> (progress lines on the output, results into --out) and <c>sweep-report</c>.</summary>
public static class SweepCommand
{
    public static int Run(SweepOptions options, TextWriter output)
    {
        SweepSettings settings = SweepSettings.From(options);
        // The runtime's own input errors (e.g. more steps than the model's schedule has) reach Program as the user's.
        SweepResult result = SweepRunner.Run(settings, line => { output.WriteLine(line); output.Flush(); });
        SweepReport.WriteAll(result, settings.OutputDirectory);
        output.WriteLine($"Wrote {Path.Combine(settings.OutputDirectory, "results.json")}, results.md and results.png.");
        return ExitCodes.Ok;
    }

    /// <summary>Redraws a sweep's report from its results.json.</summary>
    public static int Report(SweepReportOptions options, TextWriter output)
    {
        SweepResult result = ReadResults(options.Results);
        SweepReport.WriteAll(result, options.Out);
        output.WriteLine($"Wrote {Path.Combine(options.Out, "results.json")}, results.md and results.png.");
        return ExitCodes.Ok;
    }

    /// <summary>Sets several one-model sweeps against DDPM's and writes steps.md and steps.png.</summary>
    public static int Steps(StepsReportOptions options, TextWriter output)
    {
        StepsStudy study = StepsStudy.From(options.Results.Select(ReadResults).ToArray());
        byte[] png = Kaleido.Plots.FigureRenderer.ToPng(study.Describe());
        Directory.CreateDirectory(options.Out);
        File.WriteAllText(Path.Combine(options.Out, "steps.md"), study.ToMarkdown());
        Kaleido.Runtime.Files.AtomicFile.Write(Path.Combine(options.Out, "steps.png"), stream => stream.Write(png));
        output.WriteLine($"Wrote {Path.Combine(options.Out, "steps.md")} and steps.png.");
        return ExitCodes.Ok;
    }

    /// <summary>A sweep's results.json; a missing file, or JSON that is not a sweep, is named.</summary>
    static SweepResult ReadResults(string path)
    {
        if (!File.Exists(path))
            throw new ToolInputException($"--results: {path} does not exist (expected the results.json of a sweep).");
        SweepResult result;
        try
        {
            result = SweepReport.FromJson(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ToolInputException($"--results: {path} is not a sweep's results.json ({e.Message}).");
        }
        if (result.Cells is null || result.Cells.Count == 0)
            throw new ToolInputException($"--results: {path} holds no cells.");
        return result;
    }
}

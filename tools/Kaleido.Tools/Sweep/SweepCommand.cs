
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

    /// <summary>Reads --results (a missing file or JSON that is not a sweep names the file) and writes the report.</summary>
    public static int Report(SweepReportOptions options, TextWriter output)
    {
        if (!File.Exists(options.Results))
            throw new ToolInputException($"--results: {options.Results} does not exist (expected the results.json of a sweep).");
        SweepResult result;
        try
        {
            result = SweepReport.FromJson(File.ReadAllText(options.Results));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ToolInputException($"--results: {options.Results} is not a sweep's results.json ({e.Message}).");
        }
        if (result.Cells is null || result.Cells.Count == 0)
            throw new ToolInputException($"--results: {options.Results} holds no cells.");
        SweepReport.WriteAll(result, options.Out);
        output.WriteLine($"Wrote {Path.Combine(options.Out, "results.json")}, results.md and results.png.");
        return ExitCodes.Ok;
    }
}

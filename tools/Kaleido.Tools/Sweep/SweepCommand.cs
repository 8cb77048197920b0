using Kaleido.Runtime;

namespace Kaleido.Tools.Sweep;

/// <summary>Runs <c>kaleido-tools sweep</c>: progress lines on <paramref name="output"/>, results into --out.</summary>
public static class SweepCommand
{
    public static int Run(SweepOptions options, TextWriter output)
    {
        SweepSettings settings = SweepSettings.From(options);
        SweepResult result;
        try
        {
            result = SweepRunner.Run(settings, line => { output.WriteLine(line); output.Flush(); });
        }
        // The runtime's own input errors (e.g. more steps than the model's schedule has) are the user's too.
        catch (UserInputException e) when (e is not ToolInputException)
        {
            throw new ToolInputException(e.Message);
        }
        SweepReport.WriteAll(result, settings.OutputDirectory);
        output.WriteLine($"Wrote {Path.Combine(settings.OutputDirectory, "results.json")}, results.md and results.png.");
        return ExitCodes.Ok;
    }
}


namespace Kaleido.Tools.Sweep;

/// <summary>Runs <c>kaleido-tools sweep</c>: progress lines on <paramref name="output"/>, results into --out.</summary>
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
}

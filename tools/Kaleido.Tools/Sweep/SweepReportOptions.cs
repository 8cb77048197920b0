using System.CommandLine;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// Command-line settings of <c>kaleido-tools sweep-report</c>: redraws results.md and results.png from a finished
/// sweep's results.json, without sampling again (a new plot style, or a lost figure).
/// </summary>
public sealed record SweepReportOptions(string Results, string Out)
{
    public const string VerbName = "sweep-report";

    public static Verb<SweepReportOptions> CreateVerb()
    {
        var results = new Option<string>("--results") { Required = true, Description = "results.json written by `sweep`." };
        var @out = new Option<string>("--out") { Required = true, Description = "Folder for the redrawn results.json, results.md and results.png." };
        var command = new Command(VerbName, "Redraw a sweep's results.md and results.png from its results.json.") { results, @out };
        return new Verb<SweepReportOptions>(command, result => new SweepReportOptions(result.GetValue(results)!, result.GetValue(@out)!));
    }
}

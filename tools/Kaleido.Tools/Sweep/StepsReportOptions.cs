using System.CommandLine;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// Command-line settings of <c>kaleido-tools steps-report</c>: sets the results.json of several one-model sweeps
/// (one sampler and step count each) against DDPM's (<see cref="StepsStudy"/>) and writes steps.md and steps.png.
/// </summary>
public sealed record StepsReportOptions(IReadOnlyList<string> Results, string Out)
{
    public const string VerbName = "steps-report";

    public static Verb<StepsReportOptions> CreateVerb()
    {
        var results = new Option<string[]>("--results")
        {
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Description = "The results.json of each sweep (one model, one --sampler and --steps each; one of them ddpm).",
        };
        var @out = new Option<string>("--out") { Required = true, Description = "Folder for steps.md and steps.png." };
        var command = new Command(VerbName, "Steps against quality: FID of each sampler and step count against DDPM's, and the fewest steps within 5 % of it.")
        {
            results, @out,
        };
        return new Verb<StepsReportOptions>(command, result => new StepsReportOptions(result.GetValue(results)!, result.GetValue(@out)!));
    }
}

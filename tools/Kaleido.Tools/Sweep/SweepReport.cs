using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kaleido.Tools.Sweep;

/// <summary>Writes a <see cref="SweepResult"/> as results.json (every number, full precision) and results.md (the table).</summary>
public static class SweepReport
{
    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string ToJson(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, JsonOptions) + "\n";
    }

    public static SweepResult FromJson(string json) =>
        JsonSerializer.Deserialize<SweepResult>(json, JsonOptions) ?? throw new ToolInputException("The sweep results JSON is empty.");

    /// <summary>The Markdown table, one row per cell in run order, with the settings and the plot's colours above it.</summary>
    public static string ToMarkdown(SweepResult result, string plotFileName = "results.png")
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Sampler {result.Sampler.ToUpperInvariant()}, {result.Steps} steps{(result.GuidanceCutoff == 0 ? "" : $", unguided below t = {result.GuidanceCutoff}")}; {result.Captions.Count} captions × {result.SamplesPerCaption} samples per cell; {result.RealImages} real images; precision/recall with k = 3."));
        text.AppendLine();
        text.AppendLine("| model | guidance | FID | precision | recall | coverage | samples |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (SweepCell cell in result.Cells)
        {
            string samples = cell.Failed == 0 ? Invariant($"{cell.Samples}") : Invariant($"{cell.Samples} ({cell.Failed} failed)");
            text.AppendLine(Invariant($"| {cell.Model} | {cell.Guidance:0.##} | {cell.Fid:0.00} | {cell.Precision:0.000} | {cell.Recall:0.000} | {cell.Coverage:0.000} | {samples} |"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"![FID and recall against guidance]({plotFileName})"));
        text.AppendLine();
        text.AppendLine("Plot: FID (left, from 0 up) and recall (right, from 0 to 1) against guidance; the legends name the models, " +
            "and a dot marks each measured guidance.");
        return text.ToString();
    }

    /// <summary>Writes results.json, results.md and results.png into <paramref name="folder"/>.</summary>
    public static void WriteAll(SweepResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), ToJson(result));
        File.WriteAllText(Path.Combine(folder, "results.md"), ToMarkdown(result));
        SweepPlot.Save(result, Path.Combine(folder, "results.png"));
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

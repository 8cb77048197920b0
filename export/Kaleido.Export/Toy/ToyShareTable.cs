using System.Globalization;

namespace Kaleido.Export.Toy;

/// <summary>The per-mode shares of a toy run as a Markdown table, one row per guidance scale.</summary>
public static class ToyShareTable
{
    /// <summary>
    /// Columns: w, then for each model the share of each of the class's own modes among its samples (the rest,
    /// usually under 1%, landed nearer another class's mode). Shares to three decimals, invariant culture.
    /// </summary>
    public static string ToMarkdown(ToyExperimentResult result, int classIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var mixture = result.Mixture;
        if ((uint)classIndex >= (uint)mixture.ClassCount)
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"The class must be in 0..{mixture.ClassCount - 1}.");

        var models = new[] { ToyModelKind.Baseline, ToyModelKind.LatentAugmented };
        var ownModes = Enumerable.Range(0, mixture.Modes.Count).Where(m => mixture.Modes[m].ClassIndex == classIndex).ToArray();
        string className = mixture.ClassNames[classIndex];

        var header = new List<string> { "w" };
        foreach (var model in models)
            foreach (int m in ownModes)
                header.Add(FormattableString.Invariant($"{ShortName(model)} {className} ({mixture.Modes[m].X:0.#}, {mixture.Modes[m].Y:0.#})"));

        var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("| " + string.Join(" | ", header) + " |");
        writer.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", header.Count)));
        foreach (float w in result.Runs.Select(run => run.Guidance).Distinct())
        {
            var cells = new List<string> { w.ToString(CultureInfo.InvariantCulture) };
            foreach (var model in models)
            {
                var shares = result.Run(model, w).Shares;
                cells.AddRange(ownModes.Select(m => Format(shares.Share(classIndex, m))));
            }
            writer.WriteLine("| " + string.Join(" | ", cells) + " |");
        }
        return writer.ToString();
    }

    static string ShortName(ToyModelKind model) => model == ToyModelKind.Baseline ? "baseline" : "latent";

    static string Format(double share) => share.ToString("F3", CultureInfo.InvariantCulture);
}

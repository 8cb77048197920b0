namespace Kaleido.Export.Toy;

/// <summary>What one run of the toy produced: every (model, w) sample set and the prior it learned.</summary>
/// <param name="Mixture">The data the models were trained on.</param>
/// <param name="Runs">Baseline runs for every w, then latent-augmented runs, in the settings' w order.</param>
/// <param name="PriorProbabilities">The trained p(z | c), per class.</param>
/// <param name="DrawnSubModes">The z the prior drew for each row of the latent-augmented runs (same rows as their Classes).</param>
/// <param name="FinalLosses">The mean training loss of the last 100 steps, per model.</param>
public sealed record ToyExperimentResult(
    ToyMixture Mixture,
    IReadOnlyList<ToyRun> Runs,
    IReadOnlyList<double[]> PriorProbabilities,
    IReadOnlyList<int> DrawnSubModes,
    IReadOnlyDictionary<ToyModelKind, double> FinalLosses)
{
    /// <summary>The run of <paramref name="model"/> at guidance <paramref name="guidance"/>.</summary>
    public ToyRun Run(ToyModelKind model, float guidance) =>
        Runs.FirstOrDefault(run => run.Model == model && run.Guidance == guidance)
        ?? throw new ArgumentException($"No {model} run at w = {guidance}.", nameof(guidance));

    /// <summary>The share of class <paramref name="classIndex"/>'s rows for which the prior drew <paramref name="subMode"/>.</summary>
    public double DrawnShare(int classIndex, int subMode)
    {
        var classes = Runs.First(run => run.Model == ToyModelKind.LatentAugmented).Classes;
        int inClass = 0, drawn = 0;
        for (int i = 0; i < classes.Length; i++)
            if (classes[i] == classIndex)
            {
                inClass++;
                if (DrawnSubModes[i] == subMode)
                    drawn++;
            }
        return inClass == 0 ? double.NaN : (double)drawn / inClass;
    }
}

namespace Kaleido.Export.Toy;

/// <summary>What one run of the toy produced: every (model, w) sample set and the prior it learned.</summary>
/// <param name="Mixture">The data the models were trained on.</param>
/// <param name="Runs">Baseline runs for every w, then latent-augmented runs, in the settings' w order.</param>
/// <param name="PriorProbabilities">The trained p(z | c), per class.</param>
/// <param name="FinalLosses">The mean training loss of the last 100 steps, per model.</param>
public sealed record ToyExperimentResult(
    ToyMixture Mixture,
    IReadOnlyList<ToyRun> Runs,
    IReadOnlyList<double[]> PriorProbabilities,
    IReadOnlyDictionary<ToyModelKind, double> FinalLosses)
{
    /// <summary>The run of <paramref name="model"/> at guidance <paramref name="guidance"/>.</summary>
    public ToyRun Run(ToyModelKind model, float guidance) =>
        Runs.FirstOrDefault(run => run.Model == model && run.Guidance == guidance)
        ?? throw new ArgumentException($"No {model} run at w = {guidance}.", nameof(guidance));
}

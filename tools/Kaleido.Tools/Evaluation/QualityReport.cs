namespace Kaleido.Tools.Evaluation;

/// <summary>One sampled image: its caption and seed, the latents' text (null when none parsed) and each phrase's score.</summary>
public sealed record QualitySample(string Caption, ulong Seed, string? Latents, string? ParseProblem, IReadOnlyList<PhraseScore> Phrases)
{
    public bool Parsed => Latents is not null;
}

/// <summary>The quality check's result: every sample, and the totals the figure is made of.</summary>
public sealed record QualityReport(string ModelId, QualitySettings Settings, IReadOnlyList<QualitySample> Samples, double Seconds)
{
    public int Images => Samples.Count;
    public int ParsedImages => Samples.Count(s => s.Parsed);
    public double ParseRate => Images == 0 ? 0 : (double)ParsedImages / Images;

    public int Phrases => Samples.Sum(s => s.Phrases.Count);
    public int ScoredPhrases => Samples.Sum(s => s.Phrases.Count(p => p.IsScored));
    public int Hits => Samples.Sum(s => s.Phrases.Count(p => p.IsScored && p.IoU >= QualitySettings.HitIoU));

    /// <summary>The figure: the share of scored objects whose detected box has IoU ≥ 0.5 with the latent box (0 when none was scored).</summary>
    public double HitRate => ScoredPhrases == 0 ? 0 : (double)Hits / ScoredPhrases;

    public double MeanIoU => ScoredPhrases == 0 ? 0 : Samples.SelectMany(s => s.Phrases).Where(p => p.IsScored).Average(p => p.IoU);

    /// <summary>Skipped phrases by reason, every reason listed (0 when none).</summary>
    public IReadOnlyDictionary<PhraseSkipReason, int> Skipped =>
        Enum.GetValues<PhraseSkipReason>().ToDictionary(
            reason => reason,
            reason => Samples.Sum(s => s.Phrases.Count(p => p.Skipped == reason)));
}

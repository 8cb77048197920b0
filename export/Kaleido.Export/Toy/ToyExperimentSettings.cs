namespace Kaleido.Export.Toy;

/// <summary>Everything one run of the Fig. 3 toy depends on. Immutable; the same settings give the same numbers.</summary>
public sealed record ToyExperimentSettings
{
    /// <summary>Seeds every generator: weights, training data, the prior's z draws and the sampling noise.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Training of both denoisers and the mode prior.</summary>
    public ToyTrainingSettings Training { get; init; } = new();

    /// <summary>Both denoisers' shape.</summary>
    public ToyDenoiserConfig Denoiser { get; init; } = new();

    /// <summary>1000 per class: the standard error of a 0.3 share is then about 0.015.</summary>
    public int SamplesPerClass { get; init; } = 1000;

    /// <summary>N = 250 DDPM steps, what Kaleido reports every result with (and the exact-score check used).</summary>
    public int SamplingSteps { get; init; } = 250;

    /// <summary>w (the paper's γ) in {1, 2, 4, 7}, the columns of the exact-score table.</summary>
    public IReadOnlyList<float> GuidanceScales { get; init; } = [1f, 2f, 4f, 7f];

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Training, nameof(Training));
        ArgumentNullException.ThrowIfNull(Denoiser, nameof(Denoiser));
        ArgumentNullException.ThrowIfNull(GuidanceScales, nameof(GuidanceScales));
        Training.Validate();
        Denoiser.Validate();
        if (SamplesPerClass < 1)
            throw new ArgumentOutOfRangeException(nameof(SamplesPerClass), SamplesPerClass, "Sample at least one point per class.");
        if (SamplingSteps < 1 || SamplingSteps > 1000)
            throw new ArgumentOutOfRangeException(nameof(SamplingSteps), SamplingSteps, "Sampling steps must be in 1..1000 (T).");
        if (GuidanceScales.Count == 0 || GuidanceScales.Any(w => !float.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(GuidanceScales), string.Join(", ", GuidanceScales),
                "Give at least one finite guidance scale.");
    }
}

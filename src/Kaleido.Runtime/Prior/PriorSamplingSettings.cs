namespace Kaleido.Runtime.Prior;

/// <summary>Per-request settings of the latent prior's sampling. Immutable.</summary>
public sealed record PriorSamplingSettings
{
    /// <summary>1: sample from the prior's own distribution; 0 means greedy decoding.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>0: no top-k cut (every token may be drawn), so the default samples the prior as trained.</summary>
    public int TopK { get; init; }

    /// <summary>1: no nucleus cut, for the same reason.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>
    /// Latent tokens to sample at most (eos excluded); null takes the manifest's maxLatentTokens, the most the
    /// denoiser's conditioning holds.
    /// </summary>
    public int? MaxLatentTokens { get; init; }

    /// <summary>Attempts per image before giving up on latents that do not parse (each with its own seed).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <exception cref="UserInputException">A value is out of range.</exception>
    public void Validate(int vocabSize, int manifestMaxLatentTokens)
    {
        if (!double.IsFinite(Temperature) || Temperature < 0)
            throw new UserInputException($"temperature is {Temperature}; expected a finite value >= 0 (0 = greedy).");
        if (TopK < 0 || TopK > vocabSize)
            throw new UserInputException($"top-k is {TopK}; expected 0 (off) to the vocabulary size {vocabSize}.");
        if (!(TopP > 0 && TopP <= 1))
            throw new UserInputException($"top-p is {TopP}; expected a value in (0, 1].");
        if (MaxLatentTokens is { } max && (max < 1 || max > manifestMaxLatentTokens))
            throw new UserInputException($"--max-latent-tokens is {max}; this model samples 1 to {manifestMaxLatentTokens} latent tokens (its maxLatentTokens).");
        if (MaxAttempts < 1)
            throw new UserInputException($"attempts is {MaxAttempts}; expected at least 1.");
    }
}

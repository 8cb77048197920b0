using Kaleido.Runtime.Settings;

namespace Kaleido.Runtime.Prior;

/// <summary>
/// Per-request settings of the latent prior's sampling, and their one owner: each setting's default and valid range
/// live here. Immutable.
/// </summary>
public sealed record PriorSamplingSettings
{
    /// <summary>The defaults.</summary>
    public static PriorSamplingSettings Default { get; } = new();

    /// <summary>1: sample from the prior's own distribution. 0 means greedy decoding; any finite value ≥ 0.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>0: no top-k cut (every token may be drawn), so the default samples the prior as trained.</summary>
    public int TopK { get; init; }

    /// <summary>1: no nucleus cut, for the same reason. In (0, 1].</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>
    /// Latent tokens to sample at most (eos excluded); null takes the manifest's maxLatentTokens, the most the
    /// denoiser's conditioning holds.
    /// </summary>
    public int? MaxLatentTokens { get; init; }

    /// <summary>Attempts per image before giving up on latents that do not parse (each with its own seed); at least 1.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Checks the ranges that hold for every model.</summary>
    /// <exception cref="UserInputException">A value is out of range; it names the setting by its key.</exception>
    public void Validate()
    {
        SettingCheck.Require(double.IsFinite(Temperature) && Temperature >= 0, SettingKeys.Temperature, Temperature,
            "a finite number >= 0 (0 = greedy decoding)");
        SettingCheck.Require(TopK >= 0, SettingKeys.TopK, TopK, "an integer >= 0 (0 turns top-k off)");
        SettingCheck.Require(double.IsFinite(TopP) && TopP > 0 && TopP <= 1, SettingKeys.TopP, TopP, "a number in (0, 1] (1 turns top-p off)");
        if (MaxLatentTokens is { } max)
            SettingCheck.Require(max >= 1, SettingKeys.MaxLatentTokens, max, "an integer >= 1 (at most the model's maxLatentTokens)");
        SettingCheck.Require(MaxAttempts >= 1, SettingKeys.Attempts, MaxAttempts, "an integer >= 1");
    }

    /// <summary>Checks every range, including the bounds only the model knows.</summary>
    /// <exception cref="UserInputException">A value is out of range.</exception>
    public void Validate(int vocabSize, int manifestMaxLatentTokens)
    {
        Validate();
        SettingCheck.Require(TopK <= vocabSize, SettingKeys.TopK, TopK, $"0 (off) to the vocabulary size {vocabSize}");
        if (MaxLatentTokens is { } max && max > manifestMaxLatentTokens)
            throw new UserInputException([SettingKeys.MaxLatentTokens],
                $"{{0}} is {max}; this model samples 1 to {manifestMaxLatentTokens} latent tokens (its maxLatentTokens).");
    }
}

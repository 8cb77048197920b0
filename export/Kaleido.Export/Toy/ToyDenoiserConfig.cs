namespace Kaleido.Export.Toy;

/// <summary>Shape of a toy denoiser MLP. Immutable.</summary>
public sealed record ToyDenoiserConfig
{
    /// <summary>128: enough for four 2-D Gaussians at every noise level, small enough to train in seconds on one thread.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>3 hidden layers (the "3×128" MLP).</summary>
    public int HiddenLayers { get; init; } = 3;

    /// <summary>64: the time embedding width; its sinusoid has 64/4 = 16 values (as the NestedUNet's, see TimestepEmbedding).</summary>
    public int TemporalDim { get; init; } = 64;

    /// <summary>32: the learned condition embedding width; there are at most five conditions.</summary>
    public int ConditionDim { get; init; } = 32;

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        if (HiddenWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(HiddenWidth), HiddenWidth, "The hidden width must be at least 1.");
        if (HiddenLayers < 1)
            throw new ArgumentOutOfRangeException(nameof(HiddenLayers), HiddenLayers, "The MLP needs at least one hidden layer.");
        if (TemporalDim < 8 || TemporalDim % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(TemporalDim), TemporalDim, "The time embedding width must be a positive multiple of 8.");
        if (ConditionDim < 1)
            throw new ArgumentOutOfRangeException(nameof(ConditionDim), ConditionDim, "The condition embedding width must be at least 1.");
    }
}

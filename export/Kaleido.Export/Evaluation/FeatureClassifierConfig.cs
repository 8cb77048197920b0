namespace Kaleido.Export.Evaluation;

/// <summary>The feature classifier's shape. Immutable.</summary>
public sealed record FeatureClassifierConfig
{
    /// <summary>Image side the network is exported at; the dataset's default resolution.</summary>
    public int ImageSide { get; init; } = 32;

    /// <summary>Channels of the three stem convolutions (full, 1/2, 1/4 resolution): small enough to train in seconds on a CPU.</summary>
    public IReadOnlyList<int> Channels { get; init; } = [16, 32, 64];

    /// <summary>F, the feature width: the last convolution's channels, averaged over the image. FID and PR use this vector.</summary>
    public int FeatureDim { get; init; } = 64;

    public static FeatureClassifierConfig Default { get; } = new();

    /// <summary>Throws if a value is out of range.</summary>
    public void Validate()
    {
        if (ImageSide < 8 || ImageSide % 4 != 0)
            throw new ArgumentException($"ImageSide must be a multiple of 4, at least 8; got {ImageSide}.");
        if (Channels.Count != 3 || Channels.Any(c => c < 1))
            throw new ArgumentException($"Channels must be three positive widths; got [{string.Join(", ", Channels)}].");
        if (FeatureDim < 1)
            throw new ArgumentException($"FeatureDim must be positive; got {FeatureDim}.");
    }
}

namespace Kaleido.Tools.Dataset;

/// <summary>What to generate. Immutable; <see cref="Validate"/> names the first setting out of range.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Seed">Same seed and settings give the same bytes in every file.</param>
/// <param name="Side">Image width and height; 32 by default (the small models' resolution), a multiple of 32 so vokens see whole blocks.</param>
/// <param name="CodebookSize">K voken codes; 64 is plenty for 6 colours x 4 backgrounds x a few edge types.</param>
/// <param name="KMeansIterations">Upper bound on Lloyd iterations; 25 converges on thousands of patches.</param>
public sealed record DatasetSettings(int Count, ulong Seed, int Side = 32, int CodebookSize = 64, int KMeansIterations = 25)
{
    /// <summary>A million images of even 32x32 already take hours; a larger count is a typo.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Renders take Side^2 * 16 samples; 1024 keeps one image under a second.</summary>
    public const int MaxSide = 1024;

    /// <summary>k-means sees at most this many patches (an even stride over all of them), bounding the fit to seconds.</summary>
    public const int MaxTrainingPatches = 65_536;

    public void Validate()
    {
        if (Count is < 1 or > MaxCount)
            throw new ToolInputException($"The image count is {Count}; expected 1 to {MaxCount}.");
        if (!VokenPatches.SupportsSide(Side) || Side > MaxSide)
            throw new ToolInputException(
                $"The image size is {Side}; expected a multiple of {VokenPatches.TokenizerSide} from {VokenPatches.TokenizerSide} to {MaxSide} "
                + $"(voken patches are cut from the image reduced to {VokenPatches.TokenizerSide}x{VokenPatches.TokenizerSide}).");
        if (CodebookSize is < 1 or > 65_536)
            throw new ToolInputException($"The codebook size is {CodebookSize}; expected 1 to 65536.");
        if (KMeansIterations is < 0 or > 1000)
            throw new ToolInputException($"The k-means iteration count is {KMeansIterations}; expected 0 to 1000.");
    }
}

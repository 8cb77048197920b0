namespace Kaleido.Runtime.Latents;

/// <summary>
/// A phrase of a grounded caption, checked once here for every kind of region that locates it
/// (<see cref="GroundedBox"/>, <see cref="GroundedBlob"/>).
/// </summary>
public abstract record GroundedPhrase
{
    private protected GroundedPhrase(string phrase)
    {
        if (PhraseRules.FindProblem(phrase) is { } problem)
            throw new ArgumentException($"Invalid phrase '{phrase}': {problem}.", nameof(phrase));
        Phrase = phrase;
    }

    /// <summary>The phrase as a person reads it (not escaped).</summary>
    public string Phrase { get; }

    /// <summary>
    /// The region's numbers in the order the latent text and the JSON form write them: x1 y1 x2 y2 for a box,
    /// xc yc r_major r_minor theta for a blob. A method, not a property, so it stays out of the record's ToString.
    /// </summary>
    internal abstract int[] RegionNumbers();
}

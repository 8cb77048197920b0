namespace Kaleido.Runtime.Latents;

/// <summary>A phrase of a grounded caption and the box that locates it.</summary>
public sealed record GroundedBox
{
    public GroundedBox(string phrase, BoundingBox box)
    {
        if (PhraseRules.FindProblem(phrase) is { } problem)
            throw new ArgumentException($"Invalid phrase '{phrase}': {problem}.", nameof(phrase));
        Phrase = phrase;
        Box = box;
    }

    /// <summary>The phrase as a person reads it (not escaped).</summary>
    public string Phrase { get; }

    public BoundingBox Box { get; }
}

namespace Kaleido.Runtime.Latents;

/// <summary>A phrase of a grounded caption and the blob that locates it.</summary>
public sealed record GroundedBlob
{
    public GroundedBlob(string phrase, ObjectBlob blob)
    {
        if (PhraseRules.FindProblem(phrase) is { } problem)
            throw new ArgumentException($"Invalid phrase '{phrase}': {problem}.", nameof(phrase));
        Phrase = phrase;
        Blob = blob;
    }

    /// <summary>The phrase as a person reads it (not escaped).</summary>
    public string Phrase { get; }

    public ObjectBlob Blob { get; }
}

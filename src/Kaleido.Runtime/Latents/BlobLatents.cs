namespace Kaleido.Runtime.Latents;

/// <summary>
/// A caption grounded with object blobs (Appendix A, "Object Blobs"): one or more phrases, each
/// with its blob, then a free-text tail kept verbatim (with its leading space, if any).
/// </summary>
public sealed record BlobLatents : DiscreteLatents
{
    public BlobLatents(IEnumerable<GroundedBlob> phrases, string tail)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(tail);
        GroundedBlob[] copy = phrases.ToArray();
        if (copy.Length == 0)
            throw new ArgumentException("A blob latent needs at least one grounded phrase.", nameof(phrases));
        if (Array.IndexOf(copy, null) >= 0)
            throw new ArgumentException("A grounded phrase is null.", nameof(phrases));
        if (FreeText.FindProblem(tail) is { } problem)
            throw new ArgumentException($"Invalid tail: {problem}.", nameof(tail));
        Phrases = Array.AsReadOnly(copy);
        Tail = tail;
    }

    public IReadOnlyList<GroundedBlob> Phrases { get; }

    /// <summary>Everything after the last blob, verbatim (not escaped): "." or " on a desk." or "".</summary>
    public string Tail { get; }

    public override LatentKind Kind => LatentKind.Blob;

    public bool Equals(BlobLatents? other) =>
        other is not null && Tail == other.Tail && Phrases.SequenceEqual(other.Phrases);

    public override int GetHashCode() => HashCode.Combine(Tail, Phrases.Count, Phrases[0]);
}

namespace Kaleido.Runtime.Latents;

/// <summary>
/// A caption with grounding (Appendix A, "Detection bounding boxes"): one or more phrases, each
/// with its box, then a free-text tail kept verbatim (with its leading space, if any).
/// </summary>
public sealed record BboxLatents : DiscreteLatents
{
    public BboxLatents(IEnumerable<GroundedBox> phrases, string tail)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(tail);
        GroundedBox[] copy = phrases.ToArray();
        if (copy.Length == 0)
            throw new ArgumentException("A bbox latent needs at least one grounded phrase.", nameof(phrases));
        if (Array.IndexOf(copy, null) >= 0)
            throw new ArgumentException("A grounded phrase is null.", nameof(phrases));
        if (FreeText.FindProblem(tail) is { } problem)
            throw new ArgumentException($"Invalid tail: {problem}.", nameof(tail));
        Phrases = Array.AsReadOnly(copy);
        Tail = tail;
    }

    public IReadOnlyList<GroundedBox> Phrases { get; }

    /// <summary>Everything after the last box, verbatim (not escaped): "." or " on a desk." or "".</summary>
    public string Tail { get; }

    public override LatentKind Kind => LatentKind.Bbox;

    public bool Equals(BboxLatents? other) =>
        other is not null && Tail == other.Tail && Phrases.SequenceEqual(other.Phrases);

    public override int GetHashCode() => HashCode.Combine(Tail, Phrases.Count, Phrases[0]);
}

namespace Kaleido.Runtime.Latents;

/// <summary>
/// A caption with grounding (Appendix A): one or more phrases, each with its region (a box or a blob),
/// then a free-text tail kept verbatim (with its leading space, if any). <see cref="BboxLatents"/> and
/// <see cref="BlobLatents"/> differ only in the region.
/// </summary>
public abstract record GroundedLatents<TPhrase> : DiscreteLatents where TPhrase : class
{
    private protected GroundedLatents(IEnumerable<TPhrase> phrases, string tail, string kindName)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(tail);
        TPhrase[] copy = phrases.ToArray();
        if (copy.Length == 0)
            throw new ArgumentException($"A {kindName} latent needs at least one grounded phrase.", nameof(phrases));
        if (Array.IndexOf(copy, null) >= 0)
            throw new ArgumentException("A grounded phrase is null.", nameof(phrases));
        if (FreeText.FindProblem(tail) is { } problem)
            throw new ArgumentException($"Invalid tail: {problem}.", nameof(tail));
        Phrases = Array.AsReadOnly(copy);
        Tail = tail;
    }

    public IReadOnlyList<TPhrase> Phrases { get; }

    /// <summary>Everything after the last region, verbatim (not escaped): "." or " on a desk." or "".</summary>
    public string Tail { get; }

    public virtual bool Equals(GroundedLatents<TPhrase>? other) =>
        other is not null && EqualityContract == other.EqualityContract
        && Tail == other.Tail && Phrases.SequenceEqual(other.Phrases);

    public override int GetHashCode() => HashCode.Combine(Tail, Phrases.Count, Phrases[0]);
}

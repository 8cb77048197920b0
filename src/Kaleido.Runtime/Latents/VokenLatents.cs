namespace Kaleido.Runtime.Latents;

/// <summary>
/// Visual tokens (Appendix A, "Visual Tokens"): codes I_1#I_2#...#I_N of a VQ image tokenizer,
/// written "&lt;v12&gt;#&lt;v7&gt;". The count is free here; <see cref="VokenConstraints"/> checks a package's.
/// </summary>
public sealed record VokenLatents : DiscreteLatents
{
    public VokenLatents(IEnumerable<int> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        int[] copy = codes.ToArray();
        if (copy.Length == 0)
            throw new ArgumentException("A voken latent needs at least one visual code.", nameof(codes));
        foreach (int code in copy)
        {
            if (code < 0)
                throw new ArgumentException($"Visual codes are non-negative; found {code}.", nameof(codes));
        }
        Codes = Array.AsReadOnly(copy);
    }

    public IReadOnlyList<int> Codes { get; }

    public override LatentKind Kind => LatentKind.Voken;

    public bool Equals(VokenLatents? other) => other is not null && Codes.SequenceEqual(other.Codes);

    public override int GetHashCode() => HashCode.Combine(Codes.Count, Codes[0], Codes[^1]);
}

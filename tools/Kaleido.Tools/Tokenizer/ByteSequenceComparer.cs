namespace Kaleido.Tools.Tokenizer;

/// <summary>Compares byte arrays by content: ordinal order and content equality.</summary>
sealed class ByteSequenceComparer : IComparer<byte[]>, IEqualityComparer<byte[]>
{
    public static ByteSequenceComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kaleido.Runtime.Prior;

/// <summary>
/// The GenAI random_seed of one sampling attempt: a pure function of (request seed, image index, attempt),
/// so image i's latents never depend on other images, batch size or order (docs/runtime.md).
/// </summary>
public static class PriorSeed
{
    /// <summary>Domain tag: keeps these hashes apart from any other use of the request seed.</summary>
    const string Domain = "kaleido-prior-seed/v1";

    /// <summary>
    /// SHA-256 over the ASCII tag, then seed (8 bytes), index (4) and attempt (4), little-endian; the first 4
    /// bytes of the digest, little-endian, with the top bit cleared. GenAI reads random_seed as a signed 32-bit
    /// integer where −1 means "random", so the value is kept in [0, 2³¹ − 1].
    /// </summary>
    public static int Derive(ulong seed, int imageIndex, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(imageIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        Span<byte> message = stackalloc byte[Domain.Length + 16];
        for (int i = 0; i < Domain.Length; i++)
            message[i] = (byte)Domain[i];
        Span<byte> fields = message[Domain.Length..];
        BinaryPrimitives.WriteUInt64LittleEndian(fields, seed);
        BinaryPrimitives.WriteInt32LittleEndian(fields[8..], imageIndex);
        BinaryPrimitives.WriteInt32LittleEndian(fields[12..], attempt);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(message, digest);
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(digest) & 0x7FFF_FFFFu);
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// Gives every prompt-file record without its own seed a seed of its own, from the run's base
/// seed and the record's key (its id, else its line number), so a record keeps its seed when
/// other records are added, removed or reordered around it — whatever the batching.
/// </summary>
public static class SeedDerivation
{
    /// <summary>
    /// The first 8 bytes, read as a little-endian unsigned 64-bit integer, of
    /// SHA-256(UTF-8("&lt;baseSeed in decimal&gt;\n&lt;key&gt;")), with a single '\n' (0x0A) between them
    /// and nothing after the key.
    /// </summary>
    public static ulong Derive(ulong baseSeed, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] message = Encoding.UTF8.GetBytes(baseSeed.ToString(CultureInfo.InvariantCulture) + "\n" + key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(message, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    /// <summary>The record's own seed if it has one, else <see cref="Derive"/> over its <see cref="PromptRecord.SeedKey"/>.</summary>
    public static ulong SeedOf(PromptRecord record, ulong baseSeed) =>
        record.Seed ?? Derive(baseSeed, record.SeedKey);
}

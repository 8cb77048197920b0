using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Kaleido.Cli.Requests;

/// <summary>
/// What <c>--seed</c> was given as: a number, or <c>random</c>. A random seed is drawn once per run from the operating
/// system's CSPRNG (so two runs started in the same tick still differ), then printed and recorded like a typed one,
/// so typing the printed number back gives the same bytes.
/// </summary>
/// <param name="Number">The seed typed, or null for <c>random</c>.</param>
public readonly record struct SeedChoice(ulong? Number)
{
    /// <summary>The word that asks for a drawn seed.</summary>
    public const string RandomWord = "random";

    /// <summary>What a seed may be, for messages and help.</summary>
    public const string Expected = "expected an integer from 0 to 18446744073709551615 (2^64 - 1), or 'random'";

    public static SeedChoice Random => new(null);

    public bool IsRandom => Number is null;

    /// <summary>A decimal <c>ulong</c> (no sign, no separators) or <see cref="RandomWord"/>.</summary>
    public static bool TryParse(string text, out SeedChoice choice)
    {
        choice = default;
        if (text == RandomWord)
        {
            choice = Random;
            return true;
        }
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
            return false;
        choice = new SeedChoice(number);
        return true;
    }

    /// <summary>The number typed, or a fresh draw.</summary>
    public ulong Resolve()
    {
        if (Number is { } number)
            return number;
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? RandomWord;
}

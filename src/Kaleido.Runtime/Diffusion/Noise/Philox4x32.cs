namespace Kaleido.Runtime.Diffusion.Noise;

/// <summary>
/// Philox-4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3" (SC 2011), as specified by Random123.
/// A pure function of (counter, key): no state, so any block can be computed in any order.
/// </summary>
public static class Philox4x32
{
    // Multipliers and Weyl key increments from the paper (Table 2 / Random123 philox.h).
    private const uint MultiplierA = 0xD2511F53;
    private const uint MultiplierB = 0xCD9E8D57;
    private const uint WeylA = 0x9E3779B9; // golden ratio
    private const uint WeylB = 0xBB67AE85; // sqrt(3) - 1

    /// <summary>Number of rounds; 10 is the variant the paper recommends and Random123 tests.</summary>
    public const int Rounds = 10;

    /// <summary>Encrypts <paramref name="counter"/> under the 64-bit key (<paramref name="key0"/>, <paramref name="key1"/>).</summary>
    public static PhiloxBlock Compute(PhiloxBlock counter, uint key0, uint key1)
    {
        uint x0 = counter.W0, x1 = counter.W1, x2 = counter.W2, x3 = counter.W3;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                // The key schedule bumps the key before every round but the first.
                key0 += WeylA;
                key1 += WeylB;
            }

            ulong productA = (ulong)MultiplierA * x0;
            ulong productB = (ulong)MultiplierB * x2;
            uint hiA = (uint)(productA >> 32), loA = (uint)productA;
            uint hiB = (uint)(productB >> 32), loB = (uint)productB;
            (x0, x1, x2, x3) = (hiB ^ x1 ^ key0, loB, hiA ^ x3 ^ key1, loA);
        }

        return new PhiloxBlock(x0, x1, x2, x3);
    }
}

using Kaleido.Runtime.Diffusion.Noise;

namespace Kaleido.Runtime.Tests.Diffusion.Noise;

public class Philox4x32Tests
{
    // Known-answer vectors for philox4x32 with 10 rounds from Random123's kat_vectors
    // (counter words, key words, expected output words).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
                0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
                0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u,
                0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Compute_MatchesRandom123KnownAnswers(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        PhiloxBlock actual = Philox4x32.Compute(new PhiloxBlock(c0, c1, c2, c3), k0, k1);

        Assert.Equal(new PhiloxBlock(e0, e1, e2, e3), actual);
    }

    [Fact]
    public void Compute_FlippingOneCounterOrKeyBit_ChangesAboutHalfTheOutputBits()
    {
        // Avalanche: a weak round function would leave most bits unchanged.
        var random = new Random(1234);
        long changedBits = 0;
        const int Trials = 2000;
        for (int trial = 0; trial < Trials; trial++)
        {
            var counter = new PhiloxBlock((uint)random.Next(), (uint)random.Next(), (uint)random.Next(), (uint)random.Next());
            uint k0 = (uint)random.Next(), k1 = (uint)random.Next();
            int bit = random.Next(6 * 32);
            uint mask = 1u << (bit % 32);
            PhiloxBlock flippedCounter = (bit / 32) switch
            {
                0 => counter with { W0 = counter.W0 ^ mask },
                1 => counter with { W1 = counter.W1 ^ mask },
                2 => counter with { W2 = counter.W2 ^ mask },
                3 => counter with { W3 = counter.W3 ^ mask },
                _ => counter,
            };
            uint fk0 = bit / 32 == 4 ? k0 ^ mask : k0, fk1 = bit / 32 == 5 ? k1 ^ mask : k1;

            PhiloxBlock a = Philox4x32.Compute(counter, k0, k1);
            PhiloxBlock b = Philox4x32.Compute(flippedCounter, fk0, fk1);
            changedBits += System.Numerics.BitOperations.PopCount(a.W0 ^ b.W0) + System.Numerics.BitOperations.PopCount(a.W1 ^ b.W1)
                         + System.Numerics.BitOperations.PopCount(a.W2 ^ b.W2) + System.Numerics.BitOperations.PopCount(a.W3 ^ b.W3);
        }

        // 2000·128 bits, each flipped with p = ½: mean 128000, sd ≈ 253; allow 6 sd.
        Assert.InRange(changedBits, 128000 - 1520, 128000 + 1520);
    }
}

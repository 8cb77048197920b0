using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Kaleido.Runtime.Prior;

namespace Kaleido.Runtime.Tests.Prior;

public sealed class PriorSeedTests
{
    [Theory]
    [InlineData(0UL, 0, 0)]
    [InlineData(42UL, 3, 1)]
    [InlineData(ulong.MaxValue, int.MaxValue, 7)]
    public void The_seed_is_the_documented_hash_of_seed_index_and_attempt(ulong seed, int index, int attempt)
    {
        // docs/runtime.md: SHA-256("kaleido-prior-seed/v1" ‖ seed LE64 ‖ index LE32 ‖ attempt LE32), first 4 bytes LE, top bit cleared.
        var message = new List<byte>(Encoding.ASCII.GetBytes("kaleido-prior-seed/v1"));
        message.AddRange(BitConverter.GetBytes(seed));
        message.AddRange(BitConverter.GetBytes(index));
        message.AddRange(BitConverter.GetBytes(attempt));
        Assert.True(BitConverter.IsLittleEndian);
        byte[] digest = SHA256.HashData(message.ToArray());
        int expected = (int)(BinaryPrimitives.ReadUInt32LittleEndian(digest) & 0x7FFFFFFF);
        Assert.Equal(expected, PriorSeed.Derive(seed, index, attempt));
    }

    [Fact]
    public void Seeds_differ_between_images_attempts_and_requests_and_stay_non_negative()
    {
        var seeds = new HashSet<int>();
        for (ulong s = 0; s < 4; s++)
            for (int i = 0; i < 16; i++)
                for (int a = 0; a < 4; a++)
                {
                    int value = PriorSeed.Derive(s, i, a);
                    Assert.True(value >= 0);
                    seeds.Add(value);
                }
        Assert.Equal(4 * 16 * 4, seeds.Count);
    }
}

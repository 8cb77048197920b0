using System.Security.Cryptography;
using System.Text;
using Kaleido.Cli.Requests;

using Kaleido.Runtime;

namespace Kaleido.Cli.Tests.Requests;

public sealed class SeedDerivationTests
{
    /// <summary>The documented bytes, hashed and read back here with their own simple code.</summary>
    static ulong Reference(ulong baseSeed, string key)
    {
        byte[] decimalDigits = Encoding.ASCII.GetBytes(baseSeed.ToString());
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        byte[] message = [.. decimalDigits, 0x0A, .. keyBytes];
        byte[] hash = SHA256.HashData(message);
        ulong value = 0;
        for (int i = 7; i >= 0; i--)
            value = (value << 8) | hash[i];
        return value;
    }

    [Theory]
    // Expected values from Python: int.from_bytes(hashlib.sha256(b"42\n7").digest()[:8], "little").
    [InlineData(42ul, "7", 18041582432061219846ul)]
    [InlineData(0ul, "cat", 12122730252693183160ul)]
    [InlineData(18446744073709551615ul, "κατ", 5409456342511731514ul)]
    public void Derive_matches_values_computed_outside_dotnet(ulong baseSeed, string key, ulong expected)
    {
        Assert.Equal(expected, SeedDerivation.Derive(baseSeed, key));
        Assert.Equal(expected, Reference(baseSeed, key));
    }

    [Fact]
    public void Derive_matches_the_reference_on_random_inputs()
    {
        var random = new Random(20240531);
        for (int i = 0; i < 200; i++)
        {
            ulong baseSeed = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            string key = random.Next(2) == 0
                ? random.Next(1, 100000).ToString()
                : new string(Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)random.Next(0x20, 0x3000)).ToArray());
            if (key.Any(char.IsSurrogate)) continue;
            Assert.Equal(Reference(baseSeed, key), SeedDerivation.Derive(baseSeed, key));
        }
    }

    [Fact]
    public void Records_use_their_own_seed_else_their_id_else_their_line_number()
    {
        var records = PromptFile.Parse(new StringReader(
            "plain\n{\"id\": \"named\", \"prompt\": \"p\"}\n{\"prompt\": \"q\", \"seed\": 5}\n{\"id\": \"both\", \"prompt\": \"r\", \"seed\": 6}\n"),
            "f.txt");
        var plan = GenerationPlan.Create(records, new GenerationSettings(), baseSeed: 1234);

        Assert.Equal([Reference(1234, "1"), Reference(1234, "named"), 5ul, 6ul], plan.Select(r => r.Seed));
    }

    [Fact]
    public void A_record_with_an_id_keeps_its_seed_when_records_move_around_it()
    {
        const string a = "{\"id\": \"a\", \"prompt\": \"x\"}", b = "{\"id\": \"b\", \"prompt\": \"y\"}";
        var first = GenerationPlan.Create(PromptFile.Parse(new StringReader($"{a}\n{b}\n"), "f"), new GenerationSettings(), 9);
        var moved = GenerationPlan.Create(PromptFile.Parse(new StringReader($"# new\n{b}\nnew prompt\n{a}\n"), "f"), new GenerationSettings(), 9);

        Assert.Equal(first.Single(r => r.Record.Id == "a").Seed, moved.Single(r => r.Record.Id == "a").Seed);
        Assert.Equal(first.Single(r => r.Record.Id == "b").Seed, moved.Single(r => r.Record.Id == "b").Seed);
        Assert.NotEqual(first[0].Seed, first[1].Seed);
    }
}

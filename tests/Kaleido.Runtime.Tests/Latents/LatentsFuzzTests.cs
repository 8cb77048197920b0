using System.Text;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>
/// Garbage and mutated latent text: the parser returns a result or throws LatentsFormatException
/// with a position inside the text, and never any other exception.
/// </summary>
public class LatentsFuzzTests
{
    static readonly string[] Insertions =
    [
        "(", ")", ",", "|", "#", "\\", " ", " | ", "<", ">", "v", "<v", "0", "1", "9", "1000", "1001", "-",
        "99999999999999999999999", "2147483648", "\t", "\n", "é", "🐶", "\ud800", "\udc00", "\u0000", "a",
        "(1, 2, 3, 4)", "(1, 2, 3, 4, 5)", "<v7>#",
    ];

    [Fact]
    public void Garbage_and_mutations_only_ever_give_results_or_LatentsFormatException()
    {
        var random = new RandomLatents(seed: 20_000);
        int accepted = 0, rejected = 0;
        for (int i = 0; i < 20_000; i++)
        {
            string input = i % 4 == 0 ? Garbage(random.Random) : Mutate(random.Of(random.Kind()).ToText(), random.Random);
            foreach (LatentKind kind in Enum.GetValues<LatentKind>())
            {
                if (TryParse(kind, input, out DiscreteLatents? parsed))
                {
                    accepted++;
                    // Whatever was accepted has a canonical text that reads back to the same structure.
                    Assert.Equal(parsed, LatentsParser.Parse(kind, parsed!.ToText()));
                }
                else
                {
                    rejected++;
                }
            }
        }
        // Both outcomes are exercised (mutations of valid text of the same kind are often still valid).
        Assert.True(accepted > 1000, $"accepted {accepted}");
        Assert.True(rejected > 1000, $"rejected {rejected}");
    }

    static bool TryParse(LatentKind kind, string input, out DiscreteLatents? parsed)
    {
        try
        {
            parsed = LatentsParser.Parse(kind, input);
            return true;
        }
        catch (LatentsFormatException e)
        {
            Assert.Equal(kind, e.Kind);
            Assert.NotNull(e.Position);
            Assert.InRange(e.Position!.Value, 0, input.Length);
            Assert.Contains($"position {e.Position}: ", e.Message);
            parsed = null;
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{kind} latents {Show(input)} threw {e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    static string Garbage(Random random)
    {
        var builder = new StringBuilder();
        int pieces = random.Next(0, 30);
        for (int i = 0; i < pieces; i++)
            builder.Append(Insertions[random.Next(Insertions.Length)]);
        return builder.ToString();
    }

    static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    builder.Insert(at, Insertions[random.Next(Insertions.Length)]);
                    break;
                case 1 when at < builder.Length:
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 4)));
                    break;
                case 2 when at < builder.Length:
                    string replacement = Insertions[random.Next(Insertions.Length)];
                    builder.Remove(at, 1).Insert(at, replacement);
                    break;
            }
        }
        return builder.ToString();
    }

    static string Show(string input) =>
        "\"" + string.Concat(input.Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
}

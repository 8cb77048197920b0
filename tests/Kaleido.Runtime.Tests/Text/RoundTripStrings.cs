using System.Text;

namespace Kaleido.Runtime.Tests.Text;

/// <summary>Golden strings of every latent kind and random strings that tokenizers must round-trip exactly.</summary>
static class RoundTripStrings
{
    public static TheoryData<string> Golden => new()
    {
        "a red circle and a blue square",
        "Dog (1, 33, 995, 995) resting head on owner's lap (1, 630, 785, 998) while they work on a laptop (39, 336, 999, 972).",
        "A cat (500, 480, 300, 120, 35) on a mat (500, 850, 480, 90, 0).",
        "<v12>#<v7>#<v301>",
        "<v0>#<v15>#<v16>#<v1>",
        "a red circle | A red circle (0, 0, 1000, 1000). | <v3>#<v14>",
        @"a sign reading A\|B, a tag \#1 and a note \(draft\) in C:\\shapes",
        @"\\ \| \( \#",
        "un cercle rouge à côté d'un carré bleu, 赤い円, a star ★ 😀 and e\u0301 (combining)",
        "  leading and trailing spaces  ",
        "tabs\tand\nnew lines\r\n and   runs of   spaces",
        "<pad> <eos> <start> <unk> are plain text here",
        "<v>, <v-1>, <v99999>, <<v2>>, v2>",
        "",
        " ",
        "|",
        "0 1 10 100 1000 0001",
    };

    static readonly string[] Pool =
    [
        " ", "  ", "\t", "\n", "a", "Z", "circle", "é", "e\u0301", "ß", "赤", "😀", "★", "\u00A0",
        "0", "7", "42", "1000", "|", " | ", "#", "(", ")", ", ", ".", "\\", @"\|", @"\(", @"\#", @"\\",
        "<", ">", "v", "<v3>", "<v15>", "<v16>", "<eos>", "<pad>", "<start>", "<unk>", "'", "\"", "-",
    ];

    /// <summary>Random strings from a fixed seed, built from pieces that stress splitting and special tokens.</summary>
    public static IEnumerable<string> Random(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            int pieces = random.Next(0, 24);
            for (int p = 0; p < pieces; p++)
            {
                // Mostly pool pieces, sometimes any Unicode scalar value (surrogates excluded).
                if (random.Next(4) > 0)
                {
                    text.Append(Pool[random.Next(Pool.Length)]);
                }
                else
                {
                    int scalar;
                    do scalar = random.Next(1, 0x110000); while (scalar is >= 0xD800 and <= 0xDFFF);
                    text.Append(char.ConvertFromUtf32(scalar));
                }
            }
            yield return text.ToString();
        }
    }
}

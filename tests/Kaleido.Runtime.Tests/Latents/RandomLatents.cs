using System.Text;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>Random valid latents for round-trip tests, with text that is hard to escape.</summary>
internal sealed class RandomLatents(int seed)
{
    // Letters, digits, the characters that need escaping, the structural ones that do not
    // (')', ',', '<', '>'), whitespace inside text, accented, CJK and an emoji (surrogate pair).
    static readonly string[] Pieces =
    [
        "a", "b", "z", "Q", "0", "7", "9", " ", " ", "\\", "|", "(", "#", ")", ",", "<", ">", "v", "<v1>",
        "(1, 2, 3, 4)", "\\(", "é", "漢", "🐶", "\t", "\n", ".", "'", "\"", "-",
    ];

    readonly Random random = new(seed);

    public Random Random => random;

    public string AnyText(int minPieces, int maxPieces)
    {
        var builder = new StringBuilder();
        int count = random.Next(minPieces, maxPieces + 1);
        for (int i = 0; i < count; i++)
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        return builder.ToString();
    }

    public string Phrase()
    {
        string text = AnyText(1, 8);
        // A phrase may not start or end with whitespace: replace such ends with letters.
        if (char.IsWhiteSpace(text[0])) text = "x" + text[1..];
        if (char.IsWhiteSpace(text[^1])) text = text[..^1] + "y";
        return text;
    }

    public string Tail() => random.Next(4) switch
    {
        0 => "",
        1 => ".",
        2 => " " + AnyText(0, 6),
        _ => AnyText(0, 6),
    };

    int Coordinate() => random.Next(5) == 0 ? (random.Next(2) == 0 ? 0 : 1000) : random.Next(0, 1001);

    public BoundingBox Box()
    {
        int a = Coordinate(), b = Coordinate(), c = Coordinate(), d = Coordinate();
        return new BoundingBox(Math.Min(a, c), Math.Min(b, d), Math.Max(a, c), Math.Max(b, d));
    }

    public ObjectBlob Blob()
    {
        int r1 = Coordinate(), r2 = Coordinate();
        int theta = random.Next(5) == 0 ? 179 : random.Next(0, 180);
        return new ObjectBlob(Coordinate(), Coordinate(), Math.Max(r1, r2), Math.Min(r1, r2), theta);
    }

    public TextLatents Text() => new(AnyText(1, 12));

    public BboxLatents Bbox() =>
        new(Enumerable.Range(0, random.Next(1, 6)).Select(_ => new GroundedBox(Phrase(), Box())).ToArray(), Tail());

    public BlobLatents BlobCaption() =>
        new(Enumerable.Range(0, random.Next(1, 6)).Select(_ => new GroundedBlob(Phrase(), Blob())).ToArray(), Tail());

    public VokenLatents Voken() =>
        new(Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(4) switch
        {
            0 => 0,
            1 => int.MaxValue,
            2 => random.Next(10),
            _ => random.Next(),
        }).ToArray());

    public CombinedLatents Combined() => new(Text(), Bbox(), Voken());

    public DiscreteLatents Of(LatentKind kind) => kind switch
    {
        LatentKind.Text => Text(),
        LatentKind.Bbox => Bbox(),
        LatentKind.Blob => BlobCaption(),
        LatentKind.Voken => Voken(),
        _ => Combined(),
    };

    public LatentKind Kind() => (LatentKind)random.Next(5);
}

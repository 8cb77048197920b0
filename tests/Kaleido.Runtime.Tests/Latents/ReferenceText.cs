using System.Globalization;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>
/// The canonical latent text written straight from docs/latents.md with string joins, independent
/// of <see cref="LatentsFormatter"/>, so round-trip tests compare against their own expectation.
/// </summary>
internal static class ReferenceText
{
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("(", "\\(").Replace("#", "\\#");

    public static string Of(DiscreteLatents latents) => latents switch
    {
        TextLatents t => Escape(t.Description),
        BboxLatents b => string.Join(" ", b.Phrases.Select(p =>
            $"{Escape(p.Phrase)} ({N(p.Box.X1)}, {N(p.Box.Y1)}, {N(p.Box.X2)}, {N(p.Box.Y2)})")) + Escape(b.Tail),
        BlobLatents b => string.Join(" ", b.Phrases.Select(p =>
            $"{Escape(p.Phrase)} ({N(p.Blob.CenterX)}, {N(p.Blob.CenterY)}, {N(p.Blob.RadiusMajor)}, {N(p.Blob.RadiusMinor)}, {N(p.Blob.ThetaDegrees)})")) + Escape(b.Tail),
        VokenLatents v => string.Join("#", v.Codes.Select(c => "<v" + N(c) + ">")),
        CombinedLatents c => Of(c.Text) + " | " + Of(c.Bbox) + " | " + Of(c.Voken),
        _ => throw new ArgumentException("unknown latents"),
    };

    static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

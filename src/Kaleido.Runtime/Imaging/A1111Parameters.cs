using System.Globalization;
using System.Text;

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// The <c>parameters</c> text of the AUTOMATIC1111 web UI, which image viewers and galleries (and A1111's own "PNG
/// Info") show: the prompt, a line feed, then <c>Key: value</c> pairs joined by <c>", "</c>:
/// <c>Steps: 4, Sampler: DDPM, CFG scale: 7, Seed: S, Size: 16x16, Model hash: 0123456789, Model: ID, Version: kaleido 1.0.0</c>.
/// <c>Seed</c> is the image's own seed (<see cref="ImageMetadata.Seed"/>, what <c>render --seed</c> takes); the base
/// seed has its own chunk. <c>Model hash</c> is the first 10 hex digits of the package hash, as A1111 shortens its
/// own; pairs whose value is unknown are left out.
/// </summary>
public static class A1111Parameters
{
    /// <summary>How many hex digits of the package hash A1111-style readers show.</summary>
    public const int ShortHashLength = 10;

    public static string Format(ImageMetadata metadata, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var pairs = new List<string>
        {
            Pair("Steps", metadata.Steps.ToString(CultureInfo.InvariantCulture)),
            Pair("Sampler", SamplerName(metadata.Sampler)),
            Pair("CFG scale", metadata.Guidance.ToString("R", CultureInfo.InvariantCulture)),
            Pair("Seed", metadata.Seed.ToString(CultureInfo.InvariantCulture)),
            Pair("Size", $"{width.ToString(CultureInfo.InvariantCulture)}x{height.ToString(CultureInfo.InvariantCulture)}"),
        };
        if (metadata.GuidanceCutoff != 0) // kaleido's own pair: guidance off for table indices t below it
            pairs.Insert(3, Pair("CFG cutoff", metadata.GuidanceCutoff.ToString(CultureInfo.InvariantCulture)));
        if (metadata.PackageSha256 is { Length: >= ShortHashLength } hash)
            pairs.Add(Pair("Model hash", hash[..ShortHashLength]));
        pairs.Add(Pair("Model", metadata.ModelId));
        if (metadata.KaleidoVersion is { } version)
            pairs.Add(Pair("Version", "kaleido " + version));
        return new StringBuilder(metadata.Prompt).Append('\n').AppendJoin(", ", pairs).ToString();
    }

    /// <summary>A1111's spelling of the samplers it shares with kaleido; any other name as it is.</summary>
    public static string SamplerName(string sampler) => sampler switch
    {
        "ddpm" => "DDPM",
        "ddim" => "DDIM",
        "dpm++2m" => "DPM++ 2M",
        "unipc" => "UniPC",
        _ => sampler,
    };

    // A value holding ", " or a line break would split the line where readers split it; they are not expected in
    // numbers or ids, so a newline is made a space rather than quoted.
    static string Pair(string key, string value) => key + ": " + value.Replace('\n', ' ');
}

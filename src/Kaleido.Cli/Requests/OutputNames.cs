using System.Text;

using Kaleido.Runtime;

namespace Kaleido.Cli.Requests;

/// <summary>
/// File names of a record's outputs: <c>&lt;stem&gt;-&lt;index:D4&gt;.png</c> and
/// <c>&lt;stem&gt;-&lt;index:D4&gt;.latents.json</c>, where the stem is the record's id made safe for
/// a file name, or <c>line-N</c> for a record without an id. An image's name depends only on its
/// record and its index, never on its position in a batch.
/// </summary>
public static class OutputNames
{
    /// <summary>The stem of a record's file names.</summary>
    public static string StemOf(PromptRecord record) =>
        record.Id is { } id ? Sanitise(id) : $"line-{record.LineNumber}";

    /// <summary>
    /// <paramref name="id"/> with every character other than A–Z, a–z, 0–9, '.', '_' and '-' replaced
    /// by '_' (one '_' per Unicode character), and a leading '.' replaced by '_' so that no name is
    /// hidden, "." or "..".
    /// </summary>
    public static string Sanitise(string id)
    {
        var stem = new StringBuilder(id.Length);
        foreach (Rune rune in id.EnumerateRunes())
            stem.Append(IsSafe(rune) ? (char)rune.Value : '_');
        if (stem.Length > 0 && stem[0] == '.')
            stem[0] = '_';
        return stem.ToString();
    }

    public static string ImageFileName(string stem, int index) => $"{stem}-{index:D4}.png";

    public static string LatentsFileName(string stem, int index) => $"{stem}-{index:D4}.latents.json";

    static bool IsSafe(Rune rune) =>
        rune.Value is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-';
}

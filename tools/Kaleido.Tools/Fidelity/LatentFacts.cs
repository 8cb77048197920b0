using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Fidelity;

/// <summary>
/// One object the latents state, as read from its phrase ("medium purple ellipse"); an attribute whose word is
/// missing or unknown is null, and then fits no caption word that names it.
/// </summary>
public sealed record LatentObject(string Phrase, SizeClass? Size, string? Color, ShapeKind? Shape)
{
    /// <summary>The first size word, object colour word and shape noun of <paramref name="phrase"/>, each from the dataset's lists.</summary>
    public static LatentObject Read(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        SizeClass? size = null;
        string? color = null;
        ShapeKind? shape = null;
        foreach (string word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (size is null && DatasetVocabulary.Sizes.TryGetValue(word, out SizeClass s)) size = s;
            else if (color is null && DatasetVocabulary.ObjectColors.Contains(word)) color = word;
            else if (shape is null && DatasetVocabulary.ShapeNouns.TryGetValue(word, out var noun)) shape = noun.Shape;
        }
        return new LatentObject(phrase, size, color, shape);
    }

    public override string ToString() => Phrase;
}

/// <summary>
/// What sampled latents state: their objects and the background. Bbox and blob latents (and the bbox part of
/// combined latents, which always has one) give one object per grounded phrase and the background from the tail
/// ("on a white background with stripes."); text latents give one object per item of the description
/// ("Two shapes: a large red circle at the top left and a small blue star in the center, on a ... background.").
/// Voken latents state no words: <see cref="From"/> gives null.
/// </summary>
public sealed record LatentFacts(IReadOnlyList<LatentObject> Objects, string? BackgroundColor, BackgroundStyle? BackgroundStyle)
{
    /// <summary>The facts of <paramref name="latents"/>, or null for latents without words (voken).</summary>
    public static LatentFacts? From(DiscreteLatents latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        return latents switch
        {
            BboxLatents bbox => FromGrounded(bbox.Phrases.Select(p => p.Phrase), bbox.Tail),
            BlobLatents blob => FromGrounded(blob.Phrases.Select(p => p.Phrase), blob.Tail),
            CombinedLatents combined => FromGrounded(combined.Bbox.Phrases.Select(p => p.Phrase), combined.Bbox.Tail),
            TextLatents text => FromDescription(text.Description),
            _ => null,
        };
    }

    static LatentFacts FromGrounded(IEnumerable<string> phrases, string tail)
    {
        (string? color, BackgroundStyle? style, _) = FindBackground(tail);
        return new LatentFacts(phrases.Select(LatentObject.Read).ToList(), color, style);
    }

    /// <summary>
    /// SceneDescriber's form: "N shapes: " item { ", " item } " and " item ", " background-clause "." — the items split
    /// at ", " and " and " (positions such as "at the top left" hold neither).
    /// </summary>
    public static LatentFacts FromDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        (string? color, BackgroundStyle? style, int at) = FindBackground(description);
        string objects = at >= 0 ? description[..at] : description;
        int colon = objects.IndexOf(':');
        if (colon >= 0)
            objects = objects[(colon + 1)..];
        objects = objects.Trim().TrimEnd(',', '.').Trim();
        var items = objects.Split([", ", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LatentFacts(items.Select(LatentObject.Read).ToList(), color, style);
    }

    /// <summary>The first of the dataset's background clauses found in <paramref name="text"/>, and where; (null, null, -1) if none.</summary>
    const string BackgroundStart = "on a ";

    static (string? Color, BackgroundStyle? Style, int At) FindBackground(string text)
    {
        (string? color, BackgroundStyle? style, int at) best = (null, null, -1);
        foreach ((string clause, string color, BackgroundStyle style) in DatasetVocabulary.BackgroundClauses)
        {
            int at = text.IndexOf(clause, StringComparison.Ordinal);
            if (at >= 0 && (best.at < 0 || at < best.at))
                best = (color, style, at);
        }
        if (best.at >= 0)
            return best;

        // Not one of the dataset's clauses: the colour alone, if a background colour word follows the last "on a ".
        int on = text.LastIndexOf(BackgroundStart, StringComparison.Ordinal);
        if (on < 0)
            return best;
        string? named = text[(on + BackgroundStart.Length)..]
            .Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(DatasetVocabulary.BackgroundColors.Contains);
        return (named, null, on);
    }
}

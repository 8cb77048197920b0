using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Fidelity;

/// <summary>
/// One group of a caption: <see cref="Count"/> objects that carry every word the group names. A word the caption
/// dropped is null and constrains nothing ("a shape": any one object).
/// </summary>
public sealed record CaptionGroup(int Count, SizeClass? Size, string? Color, ShapeKind? Shape)
{
    /// <summary>Whether an object with these attributes carries every word the group names (an unknown attribute never does).</summary>
    public bool Fits(LatentObject shape) =>
        (Size is null || shape.Size == Size) && (Color is null || shape.Color == Color) && (Shape is null || shape.Shape == Shape);

    /// <summary>The group as the caption's words: "two red circles", "a shape".</summary>
    public override string ToString()
    {
        string noun = Shape is { } k ? (Count == 1 ? k.Singular() : k.Plural()) : (Count == 1 ? DatasetVocabulary.GenericNoun : DatasetVocabulary.GenericPlural);
        string rest = string.Join(' ', new[] { Size?.Name(), Color, noun }.Where(w => w is not null));
        string count = Count switch { 1 => "aeiou".Contains(rest[0]) ? "an" : "a", 2 => "two", 3 => "three", _ => Count.ToString() };
        return count + " " + rest;
    }
}

/// <summary>
/// What a caption of the dataset's grammar (docs/dataset.md, <see cref="CaptionWriter"/>) names: its groups and, if
/// mentioned, the background's colour and style.
/// <para>
/// <b>Count.</b> CaptionWriter names every object of the scene exactly once, merging objects whose kept words are equal
/// into one counted group. So the counts add up to the number of objects in the scene ("a red circle and a shape":
/// exactly two objects), and "two red circles" means two of the objects carry "red circle"; a further red circle may
/// hide behind another group whose words were dropped ("two red circles and a shape" fits three red circles).
/// </para>
/// </summary>
public sealed record CaptionFacts(IReadOnlyList<CaptionGroup> Groups, string? BackgroundColor, BackgroundStyle? BackgroundStyle)
{
    /// <summary>How many objects the caption names: the scene's object count.</summary>
    public int ObjectCount => Groups.Sum(g => g.Count);

    public bool NamesBackground => BackgroundColor is not null || BackgroundStyle is not null;

    const string BackgroundJoin = " on a ", BackgroundWord = "background";

    /// <summary>Reads <paramref name="caption"/>.</summary>
    /// <exception cref="FormatException">The caption does not follow the dataset's grammar; the message says where.</exception>
    public static CaptionFacts Parse(string caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        string objects = caption;
        string? backgroundColor = null;
        BackgroundStyle? style = null;

        // 1. The background clause, if any: " on a " [colour] [style] "background" at the end.
        int join = caption.IndexOf(BackgroundJoin, StringComparison.Ordinal);
        if (join >= 0)
        {
            objects = caption[..join];
            string[] words = caption[(join + BackgroundJoin.Length)..].Split(' ');
            if (words.Length is < 2 or > 3 || words[^1] != BackgroundWord)
                throw Bad(caption, $"expected '[colour] [style] background' after 'on a' but found '{caption[(join + BackgroundJoin.Length)..]}'");
            int next = 0;
            if (DatasetVocabulary.BackgroundColors.Contains(words[next]))
                backgroundColor = words[next++];
            if (next < words.Length - 1 && DatasetVocabulary.StyleAdjectives.TryGetValue(words[next], out BackgroundStyle s))
            {
                style = s;
                next++;
            }
            if (next != words.Length - 1 || next == 0)
                throw Bad(caption, $"expected a background colour and/or style before 'background' but found '{string.Join(' ', words[..^1])}'");
        }

        // 2. The groups: "A", "A and B", "A, B and C".
        string[] parts = objects.Split(" and ");
        if (parts.Length > 2)
            throw Bad(caption, "expected at most one ' and ' between groups");
        var texts = new List<string>(parts[0].Split(", "));
        if (parts.Length == 2)
            texts.Add(parts[1]);
        if (parts.Length == 1 && texts.Count > 1)
            throw Bad(caption, "expected ' and ' before the last group");
        var groups = texts.Select(text => ParseGroup(caption, text)).ToList();
        if (groups.Sum(g => g.Count) > Scene.MaxObjects)
            throw Bad(caption, $"names more than {Scene.MaxObjects} objects");
        return new CaptionFacts(groups, backgroundColor, style);
    }

    /// <summary>The facts, or null when <paramref name="caption"/> is outside the grammar.</summary>
    public static CaptionFacts? TryParse(string caption)
    {
        try
        {
            return Parse(caption);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>count [size] [colour] noun.</summary>
    static CaptionGroup ParseGroup(string caption, string text)
    {
        string[] words = text.Split(' ');
        if (words.Length is < 2 or > 4)
            throw Bad(caption, $"expected 'count [size] [colour] noun' but found '{text}'");
        int count = words[0] switch
        {
            "a" or "an" => 1,
            "two" => 2,
            "three" => 3,
            _ => throw Bad(caption, $"expected a count ('a', 'an', 'two', 'three') but found '{words[0]}' in '{text}'"),
        };
        int next = 1;
        SizeClass? size = null;
        string? color = null;
        if (DatasetVocabulary.Sizes.TryGetValue(words[next], out SizeClass s))
        {
            size = s;
            next++;
        }
        if (next < words.Length && DatasetVocabulary.ObjectColors.Contains(words[next]))
            color = words[next++];
        if (next != words.Length - 1)
            throw Bad(caption, $"expected 'count [size] [colour] noun' but found '{text}'");
        string noun = words[next];
        ShapeKind? shape;
        bool plural;
        if (DatasetVocabulary.ShapeNouns.TryGetValue(noun, out var known))
            (shape, plural) = (known.Shape, known.Plural);
        else if (noun is DatasetVocabulary.GenericNoun or DatasetVocabulary.GenericPlural)
            (shape, plural) = (null, noun == DatasetVocabulary.GenericPlural);
        else
            throw Bad(caption, $"expected a shape noun but found '{noun}' in '{text}'");
        if (plural != count > 1)
            throw Bad(caption, $"the count '{words[0]}' does not agree with '{noun}'");
        return new CaptionGroup(count, size, color, shape);
    }

    static FormatException Bad(string caption, string problem) => new($"Caption \"{caption}\" is not in the dataset's grammar: {problem}.");
}

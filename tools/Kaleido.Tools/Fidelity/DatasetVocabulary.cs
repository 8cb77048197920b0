using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Fidelity;

/// <summary>
/// The words of the shapes dataset, read from the dataset's own lists (<see cref="Palette"/>, <see cref="ShapeKindNames"/>,
/// <see cref="SizeClassInfo"/>, <see cref="BackgroundStyleInfo"/>, <see cref="SceneDescriber.BackgroundClause"/>), so a
/// word added there is known here without a second list. Only the caption's count words ("a", "an", "two", "three")
/// are the grammar's own (docs/dataset.md), not a vocabulary list.
/// </summary>
public static class DatasetVocabulary
{
    /// <summary>Object colour names ("red" ... "purple").</summary>
    public static IReadOnlySet<string> ObjectColors { get; } = Palette.ObjectColors.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Background colour names ("white", "gray", "black", "beige").</summary>
    public static IReadOnlySet<string> BackgroundColors { get; } = Palette.BackgroundColors.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Size words ("small", "medium", "large").</summary>
    public static IReadOnlyDictionary<string, SizeClass> Sizes { get; } = SizeClassInfo.All.ToDictionary(s => s.Name(), StringComparer.Ordinal);

    /// <summary>Shape nouns, singular and plural ("circle", "circles", ..., "crosses").</summary>
    public static IReadOnlyDictionary<string, (ShapeKind Shape, bool Plural)> ShapeNouns { get; } =
        ShapeKindNames.All.SelectMany(k => new[] { (k.Singular(), (k, false)), (k.Plural(), (k, true)) })
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);

    /// <summary>The caption's generic noun: "shape" / "shapes" (CaptionWriter).</summary>
    public const string GenericNoun = "shape", GenericPlural = "shapes";

    /// <summary>The caption's background style adjectives ("plain", "striped", "checkered", "dotted").</summary>
    public static IReadOnlyDictionary<string, BackgroundStyle> StyleAdjectives { get; } =
        BackgroundStyleInfo.All.ToDictionary(s => s.Adjective(), StringComparer.Ordinal);

    /// <summary>
    /// Every background clause the latents' tail and text use ("on a white background with stripes"), with its colour
    /// and style, written by <see cref="SceneDescriber.BackgroundClause"/> itself; longest first, so a clause is never
    /// taken for a shorter one it contains.
    /// </summary>
    public static IReadOnlyList<(string Clause, string Color, BackgroundStyle Style)> BackgroundClauses { get; } =
        (from color in Palette.BackgroundColors
         from style in BackgroundStyleInfo.All
         let scene = new Scene(color, style, [new SceneObject(ShapeKind.Circle, Palette.ObjectColors[0], SizeClass.Small, 0.5, 0.5, 0.1, 0, 1)])
         select (SceneDescriber.BackgroundClause(scene), color.Name, style))
        .OrderByDescending(entry => entry.Item1.Length)
        .ToList();
}

using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Metrics;

/// <summary>
/// The shapes dataset's attribute vocabulary for <see cref="AttributeCoverage"/>, from the generator's own tables:
/// object colours, shapes and background colours, each as "kind:word" ("color:red", "shape:star",
/// "background:beige"), so words can never collide across kinds.
/// </summary>
public static class ShapesAttributes
{
    public static IReadOnlyList<string> Colors { get; } = Palette.ObjectColors.Select(c => Color(c.Name)).ToArray();

    public static IReadOnlyList<string> Shapes { get; } = ShapeKindNames.All.Select(s => Shape(s.Singular())).ToArray();

    public static IReadOnlyList<string> Backgrounds { get; } = Palette.BackgroundColors.Select(c => Background(c.Name)).ToArray();

    /// <summary>Colours, shapes and backgrounds together: the vocabulary "attribute coverage" is measured against.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Colors, .. Shapes, .. Backgrounds];

    public static string Color(string word) => "color:" + word;

    public static string Shape(string word) => "shape:" + word;

    public static string Background(string word) => "background:" + word;

    /// <summary>Logits per image of the feature classifier's "attribute_logits" output (docs/metrics.md).</summary>
    public const int LogitCount = 20;

    /// <summary>
    /// The attributes the feature classifier detects in one image, from its 20 "attribute_logits": 6 shape and
    /// 6 colour presence logits (present when &gt; 0, in the order of <see cref="Shapes"/> and <see cref="Colors"/>),
    /// then 4 background-colour logits (the largest wins, order of <see cref="Backgrounds"/>), then 4 style logits
    /// (not a coverage attribute). The classifier is trained with exactly these orders (Kaleido.Export.Evaluation.SceneAttributes).
    /// </summary>
    public static IReadOnlyCollection<string> FromLogits(ReadOnlySpan<float> logits)
    {
        if (logits.Length != LogitCount)
            throw new ArgumentException($"Expected the classifier's {LogitCount} attribute logits for one image; got {logits.Length}.", nameof(logits));
        var observed = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Shapes.Count; i++)
        {
            if (logits[i] > 0)
                observed.Add(Shapes[i]);
        }
        for (int i = 0; i < Colors.Count; i++)
        {
            if (logits[Shapes.Count + i] > 0)
                observed.Add(Colors[i]);
        }
        var backgroundLogits = logits.Slice(Shapes.Count + Colors.Count, Backgrounds.Count);
        int best = 0;
        for (int i = 1; i < backgroundLogits.Length; i++)
        {
            if (backgroundLogits[i] > backgroundLogits[best])
                best = i;
        }
        observed.Add(Backgrounds[best]);
        return observed;
    }

    /// <summary>The ground-truth attributes of a scene: each object's colour and shape, and the background colour.</summary>
    public static IReadOnlyCollection<string> Of(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var observed = new HashSet<string>(StringComparer.Ordinal) { Background(scene.Background.Name) };
        foreach (var item in scene.Objects)
        {
            observed.Add(Color(item.Color.Name));
            observed.Add(Shape(item.Shape.Singular()));
        }
        return observed;
    }
}

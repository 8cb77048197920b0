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

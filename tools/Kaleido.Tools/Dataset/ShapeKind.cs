namespace Kaleido.Tools.Dataset;

/// <summary>The object shapes of the dataset; geometry in <see cref="ShapeGeometry"/>.</summary>
public enum ShapeKind
{
    Circle,
    Square,
    Triangle,
    Star,
    Ellipse,
    Cross,
}

/// <summary>Caption words of shapes.</summary>
public static class ShapeKindNames
{
    public static IReadOnlyList<ShapeKind> All { get; } = Enum.GetValues<ShapeKind>();

    public static string Singular(this ShapeKind shape) => shape switch
    {
        ShapeKind.Circle => "circle",
        ShapeKind.Square => "square",
        ShapeKind.Triangle => "triangle",
        ShapeKind.Star => "star",
        ShapeKind.Ellipse => "ellipse",
        ShapeKind.Cross => "cross",
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Not a shape."),
    };

    public static string Plural(this ShapeKind shape) => shape == ShapeKind.Cross ? "crosses" : shape.Singular() + "s";
}

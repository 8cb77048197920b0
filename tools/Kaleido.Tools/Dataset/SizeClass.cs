namespace Kaleido.Tools.Dataset;

/// <summary>Object size classes; the ranges of radii do not touch, so a size word is never ambiguous.</summary>
public enum SizeClass
{
    Small,
    Medium,
    Large,
}

public static class SizeClassInfo
{
    public static IReadOnlyList<SizeClass> All { get; } = Enum.GetValues<SizeClass>();

    public static string Name(this SizeClass size) => size switch
    {
        SizeClass.Small => "small",
        SizeClass.Medium => "medium",
        SizeClass.Large => "large",
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Not a size class."),
    };

    /// <summary>The range of the circumradius, as a fraction of the image side (small is still 3 px wide at 32x32).</summary>
    public static (double Min, double Max) RadiusRange(this SizeClass size) => size switch
    {
        SizeClass.Small => (0.09, 0.11),
        SizeClass.Medium => (0.14, 0.17),
        SizeClass.Large => (0.20, 0.24),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Not a size class."),
    };
}

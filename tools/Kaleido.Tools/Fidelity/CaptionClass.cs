namespace Kaleido.Tools.Fidelity;

/// <summary>
/// The caption classes of the fidelity measure, one per caption, by the first rule that holds:
/// <list type="number">
/// <item><see cref="Backgrounds"/>: the caption names a background ("... on a black striped background"), whatever its objects.</item>
/// <item><see cref="Counts"/>: a group counts more than one object ("two red circles", "a star and three shapes"... "two shapes").</item>
/// <item><see cref="TwoObjects"/>: two or three groups, each of one object ("a red circle and a square", "a star, a cross and a shape"):
///   words must bind to the right one of several objects.</item>
/// <item><see cref="OneObject"/>: one group of one object ("a large red circle").</item>
/// </list>
/// </summary>
public enum CaptionClass
{
    OneObject,
    TwoObjects,
    Counts,
    Backgrounds,
}

public static class CaptionClassInfo
{
    public static IReadOnlyList<CaptionClass> All { get; } = Enum.GetValues<CaptionClass>();

    public static string ToName(this CaptionClass captionClass) => captionClass switch
    {
        CaptionClass.OneObject => "one-object",
        CaptionClass.TwoObjects => "two-objects",
        CaptionClass.Counts => "counts",
        CaptionClass.Backgrounds => "backgrounds",
        _ => throw new ArgumentOutOfRangeException(nameof(captionClass), captionClass, "Not a caption class."),
    };

    /// <summary>The class of a caption (rules on <see cref="CaptionClass"/>).</summary>
    public static CaptionClass Classify(CaptionFacts caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        if (caption.NamesBackground)
            return CaptionClass.Backgrounds;
        if (caption.Groups.Any(g => g.Count > 1))
            return CaptionClass.Counts;
        return caption.Groups.Count > 1 ? CaptionClass.TwoObjects : CaptionClass.OneObject;
    }

    /// <exception cref="FormatException">The caption is outside the dataset's grammar.</exception>
    public static CaptionClass Classify(string caption) => Classify(CaptionFacts.Parse(caption));
}

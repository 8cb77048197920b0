namespace Kaleido.Export.Evaluation;

/// <summary>
/// How well predicted attributes match the truth, each a share in [0, 1]: per-label accuracy of the shape and colour
/// presence labels, exact-set accuracy (all 6 shape labels right; all 6 colour labels right), and the background
/// colour and style class accuracy.
/// </summary>
public sealed record AttributeAccuracy(
    double ShapeLabels, double ColorLabels, double ShapeSets, double ColorSets, double Background, double Style)
{
    /// <summary>Scores <paramref name="predicted"/>[i] against <paramref name="truth"/>[i].</summary>
    public static AttributeAccuracy Score(IReadOnlyList<SceneAttributes> truth, IReadOnlyList<SceneAttributes> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count || truth.Count == 0)
            throw new ArgumentException($"Need the same non-zero number of true and predicted attributes; got {truth.Count} and {predicted.Count}.");
        double shapeLabels = 0, colorLabels = 0, shapeSets = 0, colorSets = 0, background = 0, style = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            int shapesRight = CountEqual(truth[i].Shapes, predicted[i].Shapes);
            int colorsRight = CountEqual(truth[i].Colors, predicted[i].Colors);
            shapeLabels += (double)shapesRight / truth[i].Shapes.Length;
            colorLabels += (double)colorsRight / truth[i].Colors.Length;
            shapeSets += shapesRight == truth[i].Shapes.Length ? 1 : 0;
            colorSets += colorsRight == truth[i].Colors.Length ? 1 : 0;
            background += truth[i].Background == predicted[i].Background ? 1 : 0;
            style += truth[i].Style == predicted[i].Style ? 1 : 0;
        }
        int n = truth.Count;
        return new AttributeAccuracy(shapeLabels / n, colorLabels / n, shapeSets / n, colorSets / n, background / n, style / n);
    }

    /// <summary>
    /// The chance level: the constant prediction a classifier could make without looking at the image — the most
    /// frequent value of every label and class in <paramref name="training"/> — scored on <paramref name="heldOut"/>.
    /// </summary>
    public static AttributeAccuracy MajorityBaseline(IReadOnlyList<SceneAttributes> training, IReadOnlyList<SceneAttributes> heldOut)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (training.Count == 0)
            throw new ArgumentException("The training labels are empty.", nameof(training));
        bool[] MajorityLabels(Func<SceneAttributes, bool[]> labels) =>
            Enumerable.Range(0, labels(training[0]).Length).Select(j => training.Count(t => labels(t)[j]) * 2 > training.Count).ToArray();
        int MajorityClass(Func<SceneAttributes, int> label) =>
            training.GroupBy(label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

        var constant = new SceneAttributes(MajorityLabels(t => t.Shapes), MajorityLabels(t => t.Colors),
            MajorityClass(t => t.Background), MajorityClass(t => t.Style));
        return Score(heldOut, heldOut.Select(_ => constant).ToArray());
    }

    private static int CountEqual(bool[] a, bool[] b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Label vectors differ in length: {a.Length} and {b.Length}.");
        int equal = 0;
        for (int j = 0; j < a.Length; j++)
            equal += a[j] == b[j] ? 1 : 0;
        return equal;
    }
}

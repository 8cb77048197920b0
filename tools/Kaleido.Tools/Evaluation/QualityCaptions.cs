namespace Kaleido.Tools.Evaluation;

/// <summary>
/// The fixed captions of the quality check: written in the dataset's caption grammar (docs/dataset.md), one
/// to three objects, most with a colour word and some without (the model then picks the colours itself), one
/// with a background clause.
/// </summary>
public static class QualityCaptions
{
    public static IReadOnlyList<string> Default { get; } =
    [
        "a red circle",
        "a blue square",
        "a green triangle",
        "a yellow star",
        "an orange ellipse",
        "a purple cross",
        "a large shape",
        "two shapes",
        "a circle and a square",
        "a small blue star and a red shape",
        "three shapes",
        "a green shape on a black background",
    ];

    /// <summary>One caption per non-empty line of <paramref name="path"/> (surrounding spaces trimmed).</summary>
    public static IReadOnlyList<string> Load(string path)
    {
        if (!File.Exists(path))
            throw new ToolInputException($"The captions file '{path}' does not exist.");
        string[] captions = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        if (captions.Length == 0)
            throw new ToolInputException($"The captions file '{path}' holds no caption; expected one per line.");
        return captions;
    }
}

using Kaleido.Runtime.Package;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Runtime.Sessions;

/// <summary>
/// Checks an opened graph against what the manifest says it takes and returns, when the session is created,
/// so a mismatched package fails at load with the file, the tensor and the expectation named, not in the
/// middle of a run.
/// </summary>
public static class GraphContract
{
    /// <summary>
    /// Every expected input and output must exist with the expected type and compatible shape, and the graph
    /// must have no input the runtime would not feed.
    /// </summary>
    /// <exception cref="PackageException">A name, type or shape differs.</exception>
    public static void Check(InferenceSession session, string label,
        IReadOnlyList<TensorExpectation> inputs, IReadOnlyList<TensorExpectation> outputs)
    {
        foreach (string name in session.InputMetadata.Keys)
            if (!inputs.Any(e => e.Name == name))
                throw new PackageException(
                    $"{label} has input '{name}', which the runtime does not feed; expected inputs: {string.Join(", ", inputs.Select(e => e.Name))}.");
        foreach (var expectation in inputs)
            CheckOne(session.InputMetadata, label, "input", expectation);
        foreach (var expectation in outputs)
            CheckOne(session.OutputMetadata, label, "output", expectation);
    }

    static void CheckOne(IReadOnlyDictionary<string, NodeMetadata> metadata, string label, string direction, TensorExpectation expected)
    {
        if (!metadata.TryGetValue(expected.Name, out NodeMetadata? node))
            throw new PackageException(
                $"{label} has no {direction} '{expected.Name}'; expected {expected.ElementType} {expected.ShapeText} " +
                $"(the graph's {direction}s: {string.Join(", ", metadata.Keys)}).");
        if (!node.IsTensor || node.ElementDataType != expected.ElementType)
            throw new PackageException(
                $"{label} {direction} '{expected.Name}' holds {node.ElementDataType}; expected {expected.ElementType}.");

        int[] actual = node.Dimensions;
        bool matches = actual.Length == expected.Dimensions.Count;
        for (int i = 0; matches && i < actual.Length; i++)
            matches = expected.Dimensions[i] is not { } want || actual[i] < 0 || actual[i] == want;
        if (!matches)
            throw new PackageException(
                $"{label} {direction} '{expected.Name}' has shape [{string.Join(", ", actual.Select(d => d < 0 ? "any" : d.ToString()))}]; " +
                $"the manifest expects {expected.ShapeText}.");
    }
}

using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kaleido.Runtime.Sessions;

/// <summary>
/// What the runtime needs of one graph input or output: its name, element type and shape.
/// A null dimension may be anything (batch, sequence); a fixed one must match the graph's unless the
/// graph leaves that dimension symbolic.
/// </summary>
public sealed record TensorExpectation(string Name, TensorElementType ElementType, IReadOnlyList<int?> Dimensions)
{
    public static TensorExpectation Float(string name, params int?[] dimensions) => new(name, TensorElementType.Float, dimensions);

    public static TensorExpectation Int64(string name, params int?[] dimensions) => new(name, TensorElementType.Int64, dimensions);

    /// <summary>The shape as a person reads it, e.g. [batch?, 3, 64, 64].</summary>
    public string ShapeText => "[" + string.Join(", ", Dimensions.Select(d => d?.ToString() ?? "any")) + "]";
}

using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Onnx;

/// <summary>One helper per ONNX operator we emit (default domain, opset 17-21 semantics).</summary>
public sealed partial class OnnxGraphBuilder
{
    // Elementwise arithmetic (numpy broadcasting).
    public string Add(string a, string b, string? hint = null) => Node("Add", [a, b], hint);
    public string Sub(string a, string b, string? hint = null) => Node("Sub", [a, b], hint);
    public string Mul(string a, string b, string? hint = null) => Node("Mul", [a, b], hint);
    public string Div(string a, string b, string? hint = null) => Node("Div", [a, b], hint);
    public string Pow(string a, string exponent, string? hint = null) => Node("Pow", [a, exponent], hint);
    public string Min(string a, string b, string? hint = null) => Node("Min", [a, b], hint);
    public string Max(string a, string b, string? hint = null) => Node("Max", [a, b], hint);

    // Elementwise unary functions.
    public string Sqrt(string x, string? hint = null) => Node("Sqrt", [x], hint);
    public string Reciprocal(string x, string? hint = null) => Node("Reciprocal", [x], hint);
    public string Neg(string x, string? hint = null) => Node("Neg", [x], hint);
    public string Abs(string x, string? hint = null) => Node("Abs", [x], hint);
    public string Log(string x, string? hint = null) => Node("Log", [x], hint);
    public string Exp(string x, string? hint = null) => Node("Exp", [x], hint);
    public string Floor(string x, string? hint = null) => Node("Floor", [x], hint);
    public string Tanh(string x, string? hint = null) => Node("Tanh", [x], hint);
    public string Sigmoid(string x, string? hint = null) => Node("Sigmoid", [x], hint);
    public string Erf(string x, string? hint = null) => Node("Erf", [x], hint);
    public string Sin(string x, string? hint = null) => Node("Sin", [x], hint);
    public string Cos(string x, string? hint = null) => Node("Cos", [x], hint);

    /// <summary>Gelu-20: exact erf form, or the tanh approximation (T5's gelu_new) when <paramref name="tanhApproximation"/>.</summary>
    public string Gelu(string x, bool tanhApproximation, string? hint = null) =>
        Node("Gelu", [x], hint, OnnxAttribute.String("approximate", tanhApproximation ? "tanh" : "none"));

    public string Identity(string x, string? hint = null) => Node("Identity", [x], hint);

    /// <summary>Converts <paramref name="x"/> to element type <paramref name="to"/>.</summary>
    public string Cast(string x, DataType to, string? hint = null) => Node("Cast", [x], hint, OnnxAttribute.Int("to", (long)to));

    // Comparisons and selection.
    public string Equal(string a, string b, string? hint = null) => Node("Equal", [a, b], hint);
    public string Less(string a, string b, string? hint = null) => Node("Less", [a, b], hint);
    public string Greater(string a, string b, string? hint = null) => Node("Greater", [a, b], hint);
    public string And(string a, string b, string? hint = null) => Node("And", [a, b], hint);
    public string Not(string x, string? hint = null) => Node("Not", [x], hint);
    public string Or(string a, string b, string? hint = null) => Node("Or", [a, b], hint);
    public string Where(string condition, string whenTrue, string whenFalse, string? hint = null) => Node("Where", [condition, whenTrue, whenFalse], hint);

    // Linear algebra and reductions.
    public string MatMul(string a, string b, string? hint = null) => Node("MatMul", [a, b], hint);

    /// <summary>Softmax over one axis (opset 13+: normalises along <paramref name="axis"/> only).</summary>
    public string Softmax(string x, long axis = -1, string? hint = null) => Node("Softmax", [x], hint, OnnxAttribute.Int("axis", axis));

    /// <summary>Mean over <paramref name="axes"/> (opset 18+: axes is an input).</summary>
    public string ReduceMean(string x, long[] axes, bool keepDims = true, string? hint = null) =>
        Node("ReduceMean", [x, ConstantInt64("axes", axes)], hint, OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Sum over <paramref name="axes"/> (axes is an input since opset 13).</summary>
    public string ReduceSum(string x, long[] axes, bool keepDims = true, string? hint = null) =>
        Node("ReduceSum", [x, ConstantInt64("axes", axes)], hint, OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>LayerNormalization-17 over the trailing axes from <paramref name="axis"/>.</summary>
    public string LayerNormalization(string x, string scale, string bias, float epsilon, long axis = -1, string? hint = null) =>
        Node("LayerNormalization", [x, scale, bias], hint, OnnxAttribute.Int("axis", axis), OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>InstanceNormalization-6: normalises each (n, c) slice over all trailing axes, then scale[c] and bias[c].</summary>
    public string InstanceNormalization(string x, string scale, string bias, float epsilon, string? hint = null) =>
        Node("InstanceNormalization", [x, scale, bias], hint, OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>2-D convolution, NCHW; <paramref name="bias"/> may be null.</summary>
    public string Conv(string x, string weight, string? bias, long[] kernelShape, long[] strides, long[] pads, string? hint = null) =>
        Node("Conv", bias is null ? [x, weight] : [x, weight, bias], hint,
            OnnxAttribute.Ints("kernel_shape", kernelShape), OnnxAttribute.Ints("strides", strides), OnnxAttribute.Ints("pads", pads));

    // Shape manipulation.
    public string Shape(string x, string? hint = null) => Node("Shape", [x], hint);

    /// <summary>Shape of <paramref name="x"/> restricted to dims [start, end) (opset 15+).</summary>
    public string Shape(string x, long start, long end, string? hint = null) =>
        Node("Shape", [x], hint, OnnxAttribute.Int("start", start), OnnxAttribute.Int("end", end));

    public string Reshape(string x, string shape, string? hint = null) => Node("Reshape", [x, shape], hint);
    public string Reshape(string x, long[] shape, string? hint = null) => Reshape(x, ConstantInt64("shape", shape), hint);
    public string Transpose(string x, long[] perm, string? hint = null) => Node("Transpose", [x], hint, OnnxAttribute.Ints("perm", perm));
    public string Concat(IReadOnlyList<string> inputs, long axis, string? hint = null) => Node("Concat", inputs, hint, OnnxAttribute.Int("axis", axis));
    public string Unsqueeze(string x, long[] axes, string? hint = null) => Node("Unsqueeze", [x, ConstantInt64("axes", axes)], hint);
    public string Squeeze(string x, long[] axes, string? hint = null) => Node("Squeeze", [x, ConstantInt64("axes", axes)], hint);
    public string Expand(string x, string shape, string? hint = null) => Node("Expand", [x, shape], hint);
    public string Gather(string data, string indices, long axis = 0, string? hint = null) => Node("Gather", [data, indices], hint, OnnxAttribute.Int("axis", axis));

    /// <summary>Slice along <paramref name="axes"/>; starts/ends are value names (int64 1-D).</summary>
    public string Slice(string x, string starts, string ends, string axes, string? hint = null) => Node("Slice", [x, starts, ends, axes], hint);

    /// <summary>Range(start, limit, delta) of scalars.</summary>
    public string Range(string start, string limit, string delta, string? hint = null) => Node("Range", [start, limit, delta], hint);

    /// <summary>Splits along <paramref name="axis"/> into <paramref name="sizes"/>.Length pieces.</summary>
    public string[] Split(string x, long[] sizes, long axis, string? hint = null) =>
        Node("Split", [x, ConstantInt64("split", sizes)], sizes.Length, hint, OnnxAttribute.Int("axis", axis));

    /// <summary>Resize with nearest-neighbour sampling by float <paramref name="scales"/> (one per axis).</summary>
    public string ResizeNearest(string x, float[] scales, string? hint = null) =>
        Node("Resize", [x, "", ConstantFloat("scales", scales)], hint,
            OnnxAttribute.String("mode", "nearest"), OnnxAttribute.String("nearest_mode", "floor"),
            OnnxAttribute.String("coordinate_transformation_mode", "asymmetric"));
}

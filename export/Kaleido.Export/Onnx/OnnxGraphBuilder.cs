using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Onnx;

/// <summary>
/// Builds one ONNX graph over OnnxSharp's protobuf classes: graph inputs and outputs, initializers,
/// nodes (see the op helpers in OnnxGraphBuilder.Ops.cs) and unique value names.
/// Every helper returns the name of the value it produced, so graphs read like the math they compute.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName)
    {
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Returns <paramref name="hint"/> if no value or node has that name yet, else hint_1, hint_2, ...</summary>
    public string UniqueName(string hint)
    {
        if (_usedNames.Add(hint))
            return hint;
        var suffix = _nextSuffix.GetValueOrDefault(hint, 1);
        string name;
        do
        {
            name = $"{hint}_{suffix++}";
        } while (_usedNames.Contains(name));
        _nextSuffix[hint] = suffix;
        _usedNames.Add(name);
        return name;
    }

    /// <summary>Declares a graph input; the exact name is kept (it is part of the model's contract).</summary>
    public string Input(string name, DataType type, params OnnxDim[] dims)
    {
        ReserveExactName(name);
        _graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Declares graph output <paramref name="name"/> carrying <paramref name="value"/> (an Identity node renames it).</summary>
    public void Output(string value, string name, DataType type, params OnnxDim[] dims)
    {
        ReserveExactName(name);
        _graph.Node.Add(NewNode("Identity", [value], [name], []));
        _graph.Output.Add(ValueInfo(name, type, dims));
    }

    /// <summary>Adds a float initializer holding a copy of <paramref name="tensor"/>, stored as fp32 or fp16.</summary>
    /// <remarks>An fp16-stored initializer is a float16 value in the graph: the caller casts it where fp32 is needed.</remarks>
    public string Initializer(string hint, torch.Tensor tensor, bool storeAsFloat16 = false)
    {
        using var scope = torch.NewDisposeScope();
        var values = tensor.detach().cpu().to(torch.float32).contiguous().data<float>().ToArray();
        byte[] raw;
        if (storeAsFloat16)
        {
            var halves = new Half[values.Length];
            for (var i = 0; i < values.Length; i++)
                halves[i] = (Half)values[i];
            raw = MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
        }
        else
        {
            raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        }
        return AddRawInitializer(hint, storeAsFloat16 ? DataType.Float16 : DataType.Float, tensor.shape, raw);
    }

    /// <summary>Adds an int64 constant initializer; <paramref name="dims"/> defaults to a 1-D tensor of the values.</summary>
    public string ConstantInt64(string hint, long[] values, long[]? dims = null) =>
        AddRawInitializer(hint, DataType.Int64, dims ?? [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds an int64 scalar constant (rank 0).</summary>
    public string ScalarInt64(string hint, long value) => ConstantInt64(hint, [value], []);

    /// <summary>Adds a float constant initializer; <paramref name="dims"/> defaults to a 1-D tensor of the values.</summary>
    public string ConstantFloat(string hint, float[] values, long[]? dims = null) =>
        AddRawInitializer(hint, DataType.Float, dims ?? [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds a float scalar constant (rank 0).</summary>
    public string ScalarFloat(string hint, float value) => ConstantFloat(hint, [value], []);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, string? outputHint = null, params AttributeProto[] attributes) =>
        Node(opType, inputs, 1, outputHint, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs and returns their names.</summary>
    public string[] Node(string opType, IReadOnlyList<string> inputs, int outputCount, string? outputHint = null, params AttributeProto[] attributes)
    {
        var hint = outputHint ?? opType;
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
            outputs[i] = UniqueName(outputCount == 1 ? hint : $"{hint}_out{i}");
        _graph.Node.Add(NewNode(opType, inputs, outputs, attributes));
        return outputs;
    }

    /// <summary>Wraps the graph in a model with the given versions. The builder must not be used afterwards.</summary>
    public ModelProto Build(OnnxModelOptions? options = null)
    {
        options ??= new OnnxModelOptions();
        options.Validate();
        var model = new ModelProto
        {
            IrVersion = options.IrVersion,
            ProducerName = options.ProducerName,
            ProducerVersion = options.ProducerVersion,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = options.Opset });
        return model;
    }

    private string AddRawInitializer(string hint, DataType type, IEnumerable<long> dims, byte[] raw)
    {
        var name = UniqueName(hint);
        var proto = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        proto.Dims.Add(dims);
        _graph.Initializer.Add(proto);
        return name;
    }

    private NodeProto NewNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = UniqueName($"{opType}_node") };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        return node;
    }

    private void ReserveExactName(string name)
    {
        if (!_usedNames.Add(name))
            throw new ArgumentException($"The name '{name}' is already used in graph '{_graph.Name}'.", nameof(name));
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, OnnxDim[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim.Symbol is { } symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = dim.Size!.Value });
        }
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}

using System.Text.Json;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Package;
using Microsoft.ML.OnnxRuntime;

namespace Kaleido.Benchmarks;

/// <summary>One executed node as ORT's profiler records it: operator, time, and the shapes it saw.</summary>
sealed record NodeEvent(string Name, string Operator, double Microseconds, long[][] InputShapes, long[][] OutputShapes);

/// <summary>Per operator type: total time per step and share of all node time.</summary>
sealed record OperatorTime(string Operator, int NodesPerStep, double MicrosecondsPerStep, double Share);

/// <summary>
/// Runs the denoiser step under ORT's profiler and reads its JSON back: which operators the time goes to (at the
/// optimisation level the runtime uses), and the useful FLOPs of a step counted from the graph as exported
/// (optimisations off, so every Conv and MatMul of the ONNX file appears once with its input and output shapes).
/// </summary>
static class OrtProfile
{
    public static (NodeEvent[] Events, int Runs) Profile(ModelPackage package, StepInputs input, GraphOptimizationLevel level, int threads, int runs,
        Action<SessionOptions>? configure = null)
    {
        string prefix = Path.Combine(Path.GetTempPath(), $"kaleido-ort-profile-{Environment.ProcessId}-{level}");
        string? file = null;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = level,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            EnableProfiling = true,
            ProfileOutputPathPrefix = prefix,
        };
        configure?.Invoke(options);
        using (var session = DenoiserSideBySide.Open(package, options))
        {
            using var denoiser = new DenoiserSession(session, input.Sides, input.Length, input.Width, StepInputs.Rows);
            denoiser.SetConditioning(input.Conditioning, input.Mask);
            var xt = input.Xt.Select(x => (ReadOnlyMemory<float>)x).ToArray();
            var v = input.Sides.Select(s => (Memory<float>)new float[StepInputs.Rows * 3 * s * s]).ToArray();
            for (int i = 0; i < runs; i++)
                denoiser.PredictVelocity((int)input.T, xt, v, GuidanceBatchLayout.UnconditionalThenConditional);
            file = session.EndProfiling();
        }
        try
        {
            return (Read(file), runs);
        }
        finally
        {
            File.Delete(file);
        }
    }

    static NodeEvent[] Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var events = new List<NodeEvent>();
        foreach (JsonElement e in document.RootElement.EnumerateArray())
        {
            if (e.GetProperty("cat").GetString() != "Node")
                continue;
            string name = e.GetProperty("name").GetString() ?? "";
            if (!name.EndsWith("_kernel_time", StringComparison.Ordinal) || !e.TryGetProperty("args", out JsonElement args))
                continue;
            events.Add(new NodeEvent(name[..^"_kernel_time".Length], args.GetProperty("op_name").GetString() ?? "?",
                e.GetProperty("dur").GetDouble(), Shapes(args, "input_type_shape"), Shapes(args, "output_type_shape")));
        }
        return [.. events];
    }

    /// <summary>[{"float":[2,3,32,32]}, {"int64":[2]}] → [[2,3,32,32],[2]].</summary>
    static long[][] Shapes(JsonElement args, string property)
    {
        if (!args.TryGetProperty(property, out JsonElement list))
            return [];
        return list.EnumerateArray()
            .Select(item => item.EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Array } dims
                ? dims.EnumerateArray().Select(d => d.GetInt64()).ToArray()
                : [])
            .ToArray();
    }

    public static OperatorTime[] ByOperator(NodeEvent[] events, int runs)
    {
        double total = events.Sum(e => e.Microseconds);
        return events.GroupBy(e => e.Operator)
            .Select(g => new OperatorTime(g.Key, g.Count() / runs, g.Sum(e => e.Microseconds) / runs, g.Sum(e => e.Microseconds) / total))
            .OrderByDescending(o => o.Share)
            .ToArray();
    }

    /// <summary>
    /// Multiply-add FLOPs (2 per multiply-add) of one step, from an unoptimised profile:
    /// Conv 2·N·Cout·(Cin/g)·kH·kW·Hout·Wout = 2·numel(W)·N·Hout·Wout; ConvTranspose 2·numel(W)·N·Hin·Win;
    /// MatMul 2·numel(Y)·K (K the last dim of A: every output is a K-long dot product, batch dims included);
    /// Gemm likewise with K = numel(B) / N. Normalisation, softmax and elementwise work are not counted (they are
    /// a few percent of the multiply-adds and are not what the matmul peak measures).
    /// </summary>
    public static (double Total, IReadOnlyDictionary<string, double> ByOperator) CountFlops(NodeEvent[] events, int runs)
    {
        var byOperator = new Dictionary<string, double>();
        foreach (NodeEvent e in events)
        {
            double flops = e.Operator switch
            {
                "Conv" => 2.0 * Numel(e.InputShapes[1]) * e.OutputShapes[0][0] * e.OutputShapes[0][2] * e.OutputShapes[0][3],
                "ConvTranspose" => 2.0 * Numel(e.InputShapes[1]) * e.InputShapes[0][0] * e.InputShapes[0][2] * e.InputShapes[0][3],
                "MatMul" => 2.0 * Numel(e.OutputShapes[0]) * e.InputShapes[0][^1],
                "Gemm" => 2.0 * Numel(e.OutputShapes[0]) * (Numel(e.InputShapes[1]) / e.OutputShapes[0][^1]),
                _ => 0,
            };
            if (flops > 0)
                byOperator[e.Operator] = byOperator.GetValueOrDefault(e.Operator) + flops / runs;
        }
        return (byOperator.Values.Sum(), byOperator);
    }

    static double Numel(long[] shape) => shape.Aggregate(1.0, (a, d) => a * d);
}

using Kaleido.Export.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Prior;

/// <summary>
/// Writes the prior's building blocks into an ONNX graph with the same math as the TorchSharp modules:
/// RMSNorm, bias-free projections, unscaled attention with an additive bias, gated-GELU, relative buckets.
/// Shapes use B (batch), Lq/Lk (query/key lengths), H (heads), dk (d_kv), D (d_model).
/// </summary>
internal sealed class PriorGraphEmitter(OnnxGraphBuilder graph, T5PriorConfig config)
{
    public OnnxGraphBuilder Graph => graph;

    /// <summary>w ⊙ x / sqrt(mean(x²) + eps) over the last axis.</summary>
    public string RmsNorm(string x, RmsNorm norm, string name)
    {
        var meanSquare = graph.ReduceMean(graph.Mul(x, x), [-1], hint: $"{name}.mean_square");
        var rms = graph.Sqrt(graph.Add(meanSquare, graph.ScalarFloat($"{name}.eps", norm.Epsilon)));
        return graph.Mul(graph.Div(x, rms), graph.Initializer($"{name}.weight", norm.Weight), $"{name}.out");
    }

    /// <summary>x·Wᵀ for a bias-free Linear; the initializer stores Wᵀ [in, out].</summary>
    public string Linear(string x, Linear layer, string name)
    {
        using var transposed = layer.weight!.t();
        return graph.MatMul(x, graph.Initializer($"{name}.weight_t", transposed), $"{name}.out");
    }

    /// <summary>[B, L, H·dk] → [B, H, L, dk].</summary>
    public string SplitHeads(string x) =>
        graph.Transpose(graph.Reshape(x, [0, 0, config.NumHeads, config.DKv]), [0, 2, 1, 3]);

    /// <summary>softmax(q·kᵀ + bias)·v, unscaled (T5), heads merged back: [B, Lq, H·dk].</summary>
    public string Attend(string queries, string keys, string values, string scoreBias, string name)
    {
        var scores = graph.Add(graph.MatMul(queries, graph.Transpose(keys, [0, 1, 3, 2])), scoreBias, $"{name}.scores"); // [B, H, Lq, Lk]
        var context = graph.MatMul(graph.Softmax(scores, -1), values);                                                  // [B, H, Lq, dk]
        return graph.Reshape(graph.Transpose(context, [0, 2, 1, 3]), [0, 0, config.InnerDim], $"{name}.context");       // [B, Lq, H·dk]
    }

    /// <summary>wo(gelu_new(wi_0·x) ⊙ wi_1·x).</summary>
    public string FeedForward(string x, T5FeedForward feedForward, string name)
    {
        var gate = graph.Gelu(Linear(x, feedForward.Gate, $"{name}.wi_0"), tanhApproximation: true);
        return Linear(graph.Mul(gate, Linear(x, feedForward.Up, $"{name}.wi_1")), feedForward.Down, $"{name}.wo");
    }

    /// <summary>Relative positions key − query [Lq, Lk] from int64 scalars: queries at start..start+Lq−1, keys 0..Lk−1.</summary>
    public string RelativePositions(string queryStart, string queryEnd, string keyLength)
    {
        var one = graph.ScalarInt64("one", 1);
        var query = graph.Range(queryStart, queryEnd, one, "query_positions");
        var key = graph.Range(graph.ScalarInt64("zero", 0), keyLength, one, "key_positions");
        return graph.Sub(graph.Unsqueeze(key, [0]), graph.Unsqueeze(query, [1]), "relative_positions");
    }

    /// <summary>T5 buckets of relative positions, via the same distance table as <see cref="RelativePositionBuckets"/>.</summary>
    public string Buckets(string relative, RelativePositionBuckets buckets)
    {
        var table = graph.ConstantInt64("bucket_table", buckets.DistanceTable);
        var maxDistance = graph.ScalarInt64("max_distance", buckets.MaxDistance);
        if (!buckets.Bidirectional)
        {
            var distance = graph.Max(graph.Neg(relative), graph.ScalarInt64("zero", 0));
            return graph.Gather(table, graph.Min(distance, maxDistance), 0, "buckets");
        }
        var bucket = graph.Gather(table, graph.Min(graph.Abs(relative), maxDistance), 0);
        var afterQuery = graph.Cast(graph.Greater(relative, graph.ScalarInt64("zero", 0)), DataType.Int64);
        return graph.Add(bucket, graph.Mul(afterQuery, graph.ScalarInt64("after_query_offset", buckets.AfterQueryOffset)), "buckets");
    }

    /// <summary>Position bias [1, H, Lq, Lk] from buckets [Lq, Lk] and the [buckets, H] table.</summary>
    public string PositionBias(string buckets, Embedding table)
    {
        var perPair = graph.Gather(graph.Initializer("relative_attention_bias", table.weight!), buckets, 0); // [Lq, Lk, H]
        return graph.Unsqueeze(graph.Transpose(perPair, [2, 0, 1]), [0], "position_bias");               // [1, H, Lq, Lk]
    }

    /// <summary>int64 key mask [B, Lk] → bool [B, 1, 1, Lk].</summary>
    public string KeyAllowed(string keyMask) =>
        graph.Unsqueeze(graph.Cast(keyMask, DataType.Bool), [1, 2]);

    /// <summary>bool allowed → additive 0 / <see cref="AttentionMasks.Masked"/>.</summary>
    public string Additive(string allowed, string name) =>
        graph.Where(allowed, graph.ScalarFloat("zero_f", 0f), graph.ScalarFloat("masked", AttentionMasks.Masked), name);

    /// <summary>Embedding lookup of int64 ids [B, L] → [B, L, D].</summary>
    public string Embed(string ids, Embedding shared) =>
        graph.Gather(graph.Initializer("shared", shared.weight!), ids, 0, "embeddings");
}

using Kaleido.Export.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Prior;

/// <summary>encoder.onnx: input_ids, attention_mask int64 [B, L] → encoder_hidden_states float [B, L, D].</summary>
public static class PriorEncoderGraph
{
    public static ModelProto Build(T5Prior model, OnnxModelOptions? options = null)
    {
        var config = model.Config;
        var graph = new OnnxGraphBuilder("prior_encoder");
        var emit = new PriorGraphEmitter(graph, config);
        var ids = graph.Input("input_ids", DataType.Int64, "batch", "caption_length");
        var mask = graph.Input("attention_mask", DataType.Int64, "batch", "caption_length");

        // Bidirectional bias of the first layer plus the caption mask, computed once and shared (T5).
        var length = graph.Squeeze(graph.Shape(ids, 1, 2), [0], "caption_length");
        var relative = emit.RelativePositions(graph.ScalarInt64("zero", 0), length, length);
        var positionBias = emit.PositionBias(emit.Buckets(relative, model.Encoder.Buckets), model.Encoder.Layers[0].SelfAttention.RelativeBias!);
        var bias = graph.Add(positionBias, emit.Additive(emit.KeyAllowed(mask), "caption_mask_bias"), "encoder_bias"); // [B, H, L, L]

        var x = emit.Embed(ids, model.SharedEmbedding);
        for (var i = 0; i < model.Encoder.Layers.Count; i++)
        {
            var layer = model.Encoder.Layers[i];
            var name = $"encoder.{i}";
            var attention = layer.SelfAttention;
            var normed = emit.RmsNorm(x, layer.SelfAttentionNorm, $"{name}.self_attention_norm");
            var q = emit.SplitHeads(emit.Linear(normed, attention.Query, $"{name}.q"));
            var k = emit.SplitHeads(emit.Linear(normed, attention.Key, $"{name}.k"));
            var v = emit.SplitHeads(emit.Linear(normed, attention.Value, $"{name}.v"));
            x = graph.Add(x, emit.Linear(emit.Attend(q, k, v, bias, $"{name}.self_attention"), attention.Output, $"{name}.o"));
            x = graph.Add(x, emit.FeedForward(emit.RmsNorm(x, layer.FeedForwardNorm, $"{name}.feed_forward_norm"), layer.FeedForward, $"{name}.ff"));
        }
        var states = emit.RmsNorm(x, model.Encoder.FinalLayerNorm, "encoder.final_layer_norm");
        graph.Output(states, "encoder_hidden_states", DataType.Float, "batch", "caption_length", config.DModel);
        return graph.Build(options);
    }
}

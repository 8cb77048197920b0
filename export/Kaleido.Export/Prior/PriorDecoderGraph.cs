using Kaleido.Export.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Prior;

/// <summary>
/// decoder.onnx for GenAI's "decoder" model type (docs/genai-prior-contract.md): one step over S new tokens
/// with a self-attention KV cache of P past tokens (T = P + S). The causal relative bias is computed in the
/// graph for query positions P..P+S−1 against key positions 0..T−1, so P = 0 over a whole sequence gives
/// the teacher-forced pass.
/// </summary>
public static class PriorDecoderGraph
{
    public const string PastKeyFormat = "past_key_values.{0}.key";
    public const string PastValueFormat = "past_key_values.{0}.value";
    public const string PresentKeyFormat = "present.{0}.key";
    public const string PresentValueFormat = "present.{0}.value";

    public static ModelProto Build(T5Prior model, OnnxModelOptions? options = null)
    {
        var config = model.Config;
        var graph = new OnnxGraphBuilder("prior_decoder");
        var emit = new PriorGraphEmitter(graph, config);

        // 1. Inputs, names fixed by the GenAI contract.
        var ids = graph.Input("input_ids", DataType.Int64, "batch", "sequence");
        var mask = graph.Input("attention_mask", DataType.Int64, "batch", "total_sequence");
        // GenAI always feeds position_ids; T5's relative bias needs only P and S, so the graph does not read them.
        graph.Input("position_ids", DataType.Int64, "batch", "sequence");
        var pastKeys = new string[config.DecoderLayers];
        var pastValues = new string[config.DecoderLayers];
        for (var i = 0; i < config.DecoderLayers; i++)
        {
            pastKeys[i] = graph.Input(string.Format(PastKeyFormat, i), DataType.Float, "batch", config.NumHeads, "past_sequence", config.DKv);
            pastValues[i] = graph.Input(string.Format(PastValueFormat, i), DataType.Float, "batch", config.NumHeads, "past_sequence", config.DKv);
        }
        var encoderStates = graph.Input("encoder_hidden_states", DataType.Float, "batch", "caption_length", config.DModel);
        var encoderMask = graph.Input("encoder_attention_mask", DataType.Int64, "batch", "caption_length");

        // 2. Causal bias of the first layer plus the decoder mask, shared by every layer: [B, H, S, T].
        var past = graph.Squeeze(graph.Shape(pastKeys[0], 2, 3), [0], "past_length");
        var total = graph.Add(past, graph.Squeeze(graph.Shape(ids, 1, 2), [0]), "total_length");
        var relative = emit.RelativePositions(past, total, total);                                        // [S, T]
        var positionBias = emit.PositionBias(emit.Buckets(relative, model.Decoder.Buckets), model.Decoder.Layers[0].SelfAttention.RelativeBias!);
        var notFuture = graph.Unsqueeze(graph.Less(relative, graph.ScalarInt64("one", 1)), [0, 1]);       // [1, 1, S, T]
        var allowed = graph.And(notFuture, emit.KeyAllowed(mask));                                        // [B, 1, S, T]
        var selfBias = graph.Add(positionBias, emit.Additive(allowed, "decoder_mask_bias"), "decoder_self_bias");
        var crossBias = emit.Additive(emit.KeyAllowed(encoderMask), "caption_mask_bias");                 // [B, 1, 1, L]

        // 3. Blocks: self-attention over cache + new tokens, cross-attention to the caption, feed-forward.
        var x = emit.Embed(ids, model.SharedEmbedding);
        for (var i = 0; i < model.Decoder.Layers.Count; i++)
        {
            var layer = model.Decoder.Layers[i];
            var name = $"decoder.{i}";
            var self = layer.SelfAttention;
            var normed = emit.RmsNorm(x, layer.SelfAttentionNorm, $"{name}.self_attention_norm");
            var q = emit.SplitHeads(emit.Linear(normed, self.Query, $"{name}.q"));
            var keys = graph.Concat([pastKeys[i], emit.SplitHeads(emit.Linear(normed, self.Key, $"{name}.k"))], 2);       // [B, H, T, dk]
            var values = graph.Concat([pastValues[i], emit.SplitHeads(emit.Linear(normed, self.Value, $"{name}.v"))], 2); // [B, H, T, dk]
            graph.Output(keys, string.Format(PresentKeyFormat, i), DataType.Float, "batch", config.NumHeads, "total_sequence", config.DKv);
            graph.Output(values, string.Format(PresentValueFormat, i), DataType.Float, "batch", config.NumHeads, "total_sequence", config.DKv);
            x = graph.Add(x, emit.Linear(emit.Attend(q, keys, values, selfBias, $"{name}.self_attention"), self.Output, $"{name}.o"));

            var cross = layer.CrossAttention;
            var crossQ = emit.SplitHeads(emit.Linear(emit.RmsNorm(x, layer.CrossAttentionNorm, $"{name}.cross_attention_norm"), cross.Query, $"{name}.cross.q"));
            var crossK = emit.SplitHeads(emit.Linear(encoderStates, cross.Key, $"{name}.cross.k"));
            var crossV = emit.SplitHeads(emit.Linear(encoderStates, cross.Value, $"{name}.cross.v"));
            x = graph.Add(x, emit.Linear(emit.Attend(crossQ, crossK, crossV, crossBias, $"{name}.cross_attention"), cross.Output, $"{name}.cross.o"));

            x = graph.Add(x, emit.FeedForward(emit.RmsNorm(x, layer.FeedForwardNorm, $"{name}.feed_forward_norm"), layer.FeedForward, $"{name}.ff"));
        }

        // 4. Final-LN states (the denoiser's conditioning) and the untied, unscaled lm_head.
        var hidden = emit.RmsNorm(x, model.Decoder.FinalLayerNorm, "decoder.final_layer_norm");
        graph.Output(emit.Linear(hidden, model.LmHead, "lm_head"), "logits", DataType.Float, "batch", "sequence", config.VocabSize);
        graph.Output(hidden, "hidden_states", DataType.Float, "batch", "sequence", config.DModel);
        return graph.Build(options);
    }
}

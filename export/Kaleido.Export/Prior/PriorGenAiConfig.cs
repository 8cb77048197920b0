using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaleido.Export.Prior;

/// <summary>genai_config.json for ONNX Runtime GenAI's generic "decoder" type (docs/genai-prior-contract.md).</summary>
public static class PriorGenAiConfig
{
    public static JsonObject Build(T5PriorConfig config, string decoderFileName) => new()
    {
        ["model"] = new JsonObject
        {
            ["type"] = "decoder",
            // GenAI's "bos" is the prompt it is given; we prompt with the decoder start id.
            ["bos_token_id"] = config.DecoderStartId,
            ["eos_token_id"] = config.EosId,
            ["pad_token_id"] = config.PadId,
            ["vocab_size"] = config.VocabSize,
            ["context_length"] = config.DecoderContextLength,
            ["decoder"] = new JsonObject
            {
                ["filename"] = decoderFileName,
                ["hidden_size"] = config.DModel,
                ["num_attention_heads"] = config.NumHeads,
                ["num_key_value_heads"] = config.NumHeads,
                ["head_size"] = config.DKv,
                ["num_hidden_layers"] = config.DecoderLayers,
                ["inputs"] = new JsonObject
                {
                    ["input_ids"] = "input_ids",
                    ["attention_mask"] = "attention_mask",
                    ["position_ids"] = "position_ids",
                    ["past_key_names"] = string.Format(PriorDecoderGraph.PastKeyFormat, "%d"),
                    ["past_value_names"] = string.Format(PriorDecoderGraph.PastValueFormat, "%d"),
                },
                ["outputs"] = new JsonObject
                {
                    ["logits"] = "logits",
                    ["present_key_names"] = string.Format(PriorDecoderGraph.PresentKeyFormat, "%d"),
                    ["present_value_names"] = string.Format(PriorDecoderGraph.PresentValueFormat, "%d"),
                },
            },
        },
        ["search"] = new JsonObject
        {
            ["max_length"] = config.DecoderContextLength,
            ["do_sample"] = false,
            // A Concat-based KV graph cannot share past and present buffers (contract: pitfalls).
            ["past_present_share_buffer"] = false,
            ["num_beams"] = 1,
        },
    };

    public static void Write(T5PriorConfig config, string directory, string decoderFileName) =>
        File.WriteAllText(Path.Combine(directory, PriorOnnxExport.GenAiConfigFileName),
            Build(config, decoderFileName).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}

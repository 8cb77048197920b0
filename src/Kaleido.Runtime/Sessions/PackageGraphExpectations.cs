using Kaleido.Runtime.Package;
using Microsoft.ML.OnnxRuntime;
using static Kaleido.Runtime.Sessions.TensorExpectation;

namespace Kaleido.Runtime.Sessions;

/// <summary>What the manifest says each graph takes and returns (names from <see cref="GraphNames"/>).</summary>
public static class PackageGraphExpectations
{
    /// <summary>encoder.onnx: [B, Lc] ids and mask → [B, Lc, D].</summary>
    public static (TensorExpectation[] Inputs, TensorExpectation[] Outputs) Encoder(int captionLength, int width) => (
        [Int64(GraphNames.Encoder.InputIds, null, captionLength), Int64(GraphNames.Encoder.AttentionMask, null, captionLength)],
        [Float(GraphNames.Encoder.HiddenStates, null, captionLength, width)]);

    /// <summary>
    /// decoder.onnx (GenAI "decoder" contract): KV pairs [B, H, past, dh] per layer, logits [B, S, V], hidden states
    /// [B, S, D]. With <paramref name="prior"/> null only the names and D are checked.
    /// </summary>
    public static (TensorExpectation[] Inputs, TensorExpectation[] Outputs) Decoder(int captionLength, int width, int layers, PriorSpec? prior)
    {
        if (prior is not null)
            layers = prior.DecoderLayers;
        var inputs = new List<TensorExpectation>
        {
            Int64(GraphNames.Decoder.InputIds, null, null),
            Int64(GraphNames.Decoder.AttentionMask, null, null),
            Int64(GraphNames.Decoder.PositionIds, null, null),
            Float(GraphNames.Decoder.EncoderHiddenStates, null, captionLength, width),
            Int64(GraphNames.Decoder.EncoderAttentionMask, null, captionLength),
        };
        for (int i = 0; i < layers; i++)
        {
            inputs.Add(Float(string.Format(GraphNames.Decoder.PastKey, i), null, prior?.Heads, null, prior?.HeadSize));
            inputs.Add(Float(string.Format(GraphNames.Decoder.PastValue, i), null, prior?.Heads, null, prior?.HeadSize));
        }
        return ([.. inputs],
            [Float(GraphNames.Decoder.Logits, null, null, prior?.VocabSize), Float(GraphNames.Decoder.HiddenStates, null, null, width)]);
    }

    /// <summary>
    /// denoiser.onnx: x_t at every resolution (highest first), t, conditioning [B, L, D] and mask, and with
    /// <paramref name="grounding"/> the token objects [B, L] and regions [B, M, 4] → v per resolution.
    /// </summary>
    public static (TensorExpectation[] Inputs, TensorExpectation[] Outputs) Denoiser(
        IReadOnlyList<int> sides, int length, int width, GroundingSpec? grounding = null)
    {
        var inputs = sides.Select((s, r) => Float(GraphNames.Denoiser.NoisyImage(r), null, 3, s, s)).ToList();
        inputs.Add(Int64(GraphNames.Denoiser.Timestep, [null]));
        inputs.Add(Float(GraphNames.Denoiser.Conditioning, null, length, width));
        inputs.Add(Int64(GraphNames.Denoiser.ConditioningMask, null, length));
        if (grounding is not null)
        {
            inputs.Add(Int64(GraphNames.Denoiser.TokenObjects, null, length));
            inputs.Add(Float(GraphNames.Denoiser.Regions, null, grounding.MaxObjects, GraphNames.Denoiser.RegionValues));
        }
        var outputs = sides.Select((s, r) => Float(GraphNames.Denoiser.Velocity(r), null, 3, s, s)).ToArray();
        return ([.. inputs], outputs);
    }

    /// <summary>Number of decoder layers, from the graph's past_key_values.N.key inputs.</summary>
    public static int CountDecoderLayers(InferenceSession session)
    {
        int layers = 0;
        while (session.InputMetadata.ContainsKey(string.Format(GraphNames.Decoder.PastKey, layers)))
            layers++;
        if (layers == 0)
            throw new PackageException($"decoder.onnx has no input '{string.Format(GraphNames.Decoder.PastKey, 0)}'; expected one KV pair per layer.");
        return layers;
    }
}

using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Sessions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kaleido.Runtime.Prior;

/// <summary>
/// The decoder's final hidden states for a known latent sequence, in one plain ONNX Runtime call of
/// decoder.onnx with an empty KV cache (past length 0) over [start, z₁, …, zₙ] padded to Ld. Sampled and
/// edited latents both come here, so <c>generate</c> and <c>render</c> condition the denoiser identically.
/// </summary>
public sealed class TeacherForcedDecoder
{
    static readonly string[] OutputNames = [GraphNames.Decoder.HiddenStates];
    readonly InferenceSession _session;
    readonly SpecialTokens _tokens;
    readonly int _layers, _heads, _headSize;

    /// <param name="session">An open decoder.onnx session, already checked against the manifest.</param>
    public TeacherForcedDecoder(InferenceSession session, SpecialTokens tokens, int maxLatentTokens, int width)
    {
        _session = session;
        _tokens = tokens;
        MaxLatentTokens = maxLatentTokens;
        Width = width;
        _layers = PackageGraphExpectations.CountDecoderLayers(session);
        int[] pastShape = session.InputMetadata[string.Format(GraphNames.Decoder.PastKey, 0)].Dimensions; // [B, H, P, dh]
        (_heads, _headSize) = (pastShape[1], pastShape[3]);
        if (_heads <= 0 || _headSize <= 0)
            throw new PackageException($"decoder.onnx input '{string.Format(GraphNames.Decoder.PastKey, 0)}' must fix heads and head size; it has [{string.Join(", ", pastShape)}].");
    }

    public int MaxLatentTokens { get; }
    public int Width { get; }

    /// <summary>Ld: the start token plus the longest latent sequence.</summary>
    public int Length => DecoderInputs.Length(MaxLatentTokens);

    /// <summary>Hidden states for latent tokens z (no start, no eos) under <paramref name="caption"/>.</summary>
    public DecoderStates Run(EncodedCaption caption, ReadOnlySpan<int> latentTokens)
    {
        int length = Length;
        var ids = new long[length];
        var mask = new long[length];
        DecoderInputs.Build(latentTokens, _tokens, MaxLatentTokens, ids, mask);
        var positions = new long[length];
        for (int i = 0; i < length; i++)
            positions[i] = i;

        var names = new List<string>(5 + 2 * _layers);
        var values = new List<OrtValue>(names.Capacity);
        try
        {
            void Add(string name, OrtValue value) { names.Add(name); values.Add(value); }
            long[] sequence = [1, length];
            Add(GraphNames.Decoder.InputIds, OrtValue.CreateTensorValueFromMemory(ids, sequence));
            Add(GraphNames.Decoder.AttentionMask, OrtValue.CreateTensorValueFromMemory(mask, sequence)); // past 0: [B, S]
            Add(GraphNames.Decoder.PositionIds, OrtValue.CreateTensorValueFromMemory(positions, sequence));
            Add(GraphNames.Decoder.EncoderHiddenStates, OrtValue.CreateTensorValueFromMemory(caption.States, [1, caption.Length, caption.Width]));
            Add(GraphNames.Decoder.EncoderAttentionMask, OrtValue.CreateTensorValueFromMemory(caption.Mask, [1, caption.Length]));
            long[] emptyCache = [1, _heads, 0, _headSize]; // past length 0: the whole sequence in one call
            for (int layer = 0; layer < _layers; layer++)
            {
                Add(string.Format(GraphNames.Decoder.PastKey, layer),
                    OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, emptyCache));
                Add(string.Format(GraphNames.Decoder.PastValue, layer),
                    OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, emptyCache));
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, OutputNames);
            float[] states = outputs[0].GetTensorDataAsSpan<float>().ToArray(); // [1, Ld, D] → [Ld, D]
            return new DecoderStates(states, mask, Width);
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }
}

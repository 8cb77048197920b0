namespace Kaleido.Runtime.Package;

/// <summary>
/// Input and output names of the package's ONNX graphs: the exporter writes them, the runtime
/// binds them and checks them when a package loads.
/// </summary>
public static class GraphNames
{
    /// <summary>encoder.onnx: caption → states (also the denoiser's caption conditioning).</summary>
    public static class Encoder
    {
        public const string InputIds = "input_ids";             // int64 [B, Lc]
        public const string AttentionMask = "attention_mask";   // int64 [B, Lc]
        public const string HiddenStates = "encoder_hidden_states"; // float [B, Lc, D]
    }

    /// <summary>decoder.onnx (GenAI "decoder" type, genai-prior-contract.md).</summary>
    public static class Decoder
    {
        public const string InputIds = "input_ids";             // int64 [B, S]
        public const string AttentionMask = "attention_mask";   // int64 [B, past + S]
        public const string PositionIds = "position_ids";       // int64 [B, S]
        public const string PastKey = "past_key_values.{0}.key";     // float [B, H, past, dh]
        public const string PastValue = "past_key_values.{0}.value";
        public const string EncoderHiddenStates = "encoder_hidden_states"; // float [B, Lc, D]
        public const string EncoderAttentionMask = "encoder_attention_mask"; // int64 [B, Lc]
        public const string Logits = "logits";                  // float [B, S, V]
        public const string PresentKey = "present.{0}.key";
        public const string PresentValue = "present.{0}.value";
        public const string HiddenStates = "hidden_states";     // float [B, S, D], final layer norm
    }

    /// <summary>denoiser.onnx: noisy images at every resolution → v at every resolution.</summary>
    public static class Denoiser
    {
        /// <summary>x_t at resolution r (0 = highest), float [B, 3, H_r, W_r].</summary>
        public static string NoisyImage(int resolution) => $"x_t_{resolution}";

        /// <summary>v at resolution r (0 = highest), float [B, 3, H_r, W_r].</summary>
        public static string Velocity(int resolution) => $"v_{resolution}";

        public const string Timestep = "t";                     // int64 [B], model time t − 1
        public const string Conditioning = "lm";                // float [B, L, D]
        public const string ConditioningMask = "mask";          // int64 [B, L]
        public const string TokenObjects = "token_object";      // int64 [B, L], object per token or -1 (region-masked only)
        public const string Regions = "regions";                // float [B, M, 4], boxes in [0, 1000] (region-masked only)

        /// <summary>Values per object in <see cref="Regions"/>: x1, y1, x2, y2.</summary>
        public const int RegionValues = 4;
    }
}

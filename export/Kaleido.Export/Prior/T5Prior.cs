using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>
/// The T5-style latent prior: a caption encoder and a latent-token decoder sharing one input embedding,
/// with an untied, unscaled lm_head (T5 v1.1). Build it on <c>torch.META</c> to inspect shapes without weights.
/// </summary>
public sealed class T5Prior : nn.Module
{
    private readonly Embedding shared;
    private readonly T5Encoder encoder;
    private readonly T5Decoder decoder;
    private readonly Linear lm_head;

    public T5Prior(T5PriorConfig config, Device? device = null) : base(nameof(T5Prior))
    {
        config.Validate();
        device ??= CPU;
        Config = config;
        shared = nn.Embedding(config.VocabSize, config.DModel, device: device);
        encoder = new T5Encoder(config, device);
        decoder = new T5Decoder(config, device);
        lm_head = nn.Linear(config.DModel, config.VocabSize, hasBias: false, device: device);
        RegisterComponents();
    }

    public T5PriorConfig Config { get; }
    public Embedding SharedEmbedding => shared;
    public T5Encoder Encoder => encoder;
    public T5Decoder Decoder => decoder;
    public Linear LmHead => lm_head;

    /// <summary>Caption ids and mask, int64 [B, L] → encoder states [B, L, D]. No √d scaling of the embedding (T5).</summary>
    public Tensor Encode(Tensor captionIds, Tensor captionMask) => encoder.Forward(shared.call(captionIds), captionMask);

    /// <summary>
    /// Teacher-forced decoder pass over decoder inputs [B, S] (start id first, see <see cref="Kaleido.Runtime.Conditioning.DecoderInputs"/>)
    /// with decoder mask [B, S]: logits [B, S, V] and final-LN hidden states [B, S, D].
    /// </summary>
    public (Tensor Logits, Tensor HiddenStates) Decode(Tensor decoderIds, Tensor decoderMask, Tensor encoderStates, Tensor encoderMask)
    {
        using var scope = NewDisposeScope();
        var hidden = decoder.Forward(shared.call(decoderIds), decoderMask, encoderStates, encoderMask);
        var logits = lm_head.call(hidden);
        return (logits.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope());
    }
}

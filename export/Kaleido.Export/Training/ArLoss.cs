using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>L_AR (paper eq. 1): mean token cross-entropy of the decoder's next-token logits, padding ignored.</summary>
public static class ArLoss
{
    /// <summary>logits [B, S, V], targets int64 [B, S] with <see cref="TrainingBatch.IgnoreIndex"/> on padding → scalar.</summary>
    public static Tensor Compute(Tensor logits, Tensor targets)
    {
        long vocab = logits.shape[^1];
        return nn.functional.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1), ignore_index: TrainingBatch.IgnoreIndex);
    }
}

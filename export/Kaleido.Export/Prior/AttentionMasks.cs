using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>Additive attention masks: 0 where a key may be attended, float.MinValue where it may not (T5's finfo.min).</summary>
public static class AttentionMasks
{
    /// <summary>The additive value of a masked score; added once, so it never overflows to −inf.</summary>
    public const float Masked = float.MinValue;

    /// <summary>Key-padding mask [B, Lk] (int64, 1 = real token) → additive [B, 1, 1, Lk].</summary>
    public static Tensor FromKeyMask(Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        var allowed = keyMask.ne(0).unsqueeze(1).unsqueeze(1);
        return Additive(allowed).MoveToOuterDisposeScope();
    }

    /// <summary>Causal and key-padding mask: keys at or before the query and with mask 1 → additive [B, 1, Lq, Lk].</summary>
    public static Tensor Causal(Tensor relativePositions, Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        var notFuture = relativePositions.le(0).unsqueeze(0).unsqueeze(0);    // [1, 1, Lq, Lk]
        var allowed = notFuture.logical_and(keyMask.ne(0).unsqueeze(1).unsqueeze(1)); // [B, 1, Lq, Lk]
        return Additive(allowed).MoveToOuterDisposeScope();
    }

    private static Tensor Additive(Tensor allowed) =>
        where(allowed, zeros(1, device: allowed.device), full(1, Masked, device: allowed.device));
}

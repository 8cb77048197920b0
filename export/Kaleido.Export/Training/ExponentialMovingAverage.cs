using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// EMA of a module's trainable parameters, kept in a second module of the same shape (the one exported):
/// θ_ema ← d·θ_ema + (1 − d)·θ after every optimizer step. Frozen parameters and buffers are copied, so the
/// EMA module is always a complete model.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly (Tensor Live, Tensor Shadow)[] _trainable;
    private readonly (Tensor Live, Tensor Shadow)[] _copied;

    /// <param name="live">The module being trained.</param>
    /// <param name="shadow">A module of the same type and config; it is overwritten with <paramref name="live"/>'s weights.</param>
    public ExponentialMovingAverage(nn.Module live, nn.Module shadow, double decay)
    {
        if (!(decay >= 0 && decay < 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay must be in [0, 1).");
        Decay = decay;
        Shadow = shadow;
        var shadowState = shadow.state_dict();
        var trainable = new List<(Tensor, Tensor)>();
        var copied = new List<(Tensor, Tensor)>();
        var trainableNames = live.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToHashSet();
        foreach (var (name, tensor) in live.state_dict())
            (trainableNames.Contains(name) ? trainable : copied).Add((tensor, shadowState[name]));
        _trainable = [.. trainable];
        _copied = [.. copied];
        using var _ = no_grad();
        foreach (var (liveTensor, shadowTensor) in _trainable.Concat(_copied))
            shadowTensor.copy_(liveTensor);
        shadow.eval();
    }

    public double Decay { get; }

    /// <summary>The averaged model.</summary>
    public nn.Module Shadow { get; }

    /// <summary>One EMA update; call after each optimizer step.</summary>
    public void Update()
    {
        using var _ = no_grad();
        foreach (var (live, shadow) in _trainable)
            shadow.mul_(Decay).add_(live, alpha: 1.0 - Decay);
        foreach (var (live, shadow) in _copied)
            shadow.copy_(live);
    }
}

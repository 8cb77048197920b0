using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>T5 v1.1 gated-GELU feed-forward: wo(gelu_new(wi_0·x) ⊙ wi_1·x), no biases.</summary>
public sealed class T5FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear wi_0;
    private readonly Linear wi_1;
    private readonly Linear wo;

    public T5FeedForward(T5PriorConfig config, Device device) : base(nameof(T5FeedForward))
    {
        wi_0 = nn.Linear(config.DModel, config.DFf, hasBias: false, device: device);
        wi_1 = nn.Linear(config.DModel, config.DFf, hasBias: false, device: device);
        wo = nn.Linear(config.DFf, config.DModel, hasBias: false, device: device);
        RegisterComponents();
    }

    public Linear Gate => wi_0;
    public Linear Up => wi_1;
    public Linear Down => wo;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return wo.call(GeluTanh(wi_0.call(x)) * wi_1.call(x)).MoveToOuterDisposeScope();
    }

    /// <summary>gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
    public static Tensor GeluTanh(Tensor x) =>
        0.5f * x * (1f + (MathF.Sqrt(2f / MathF.PI) * (x + 0.044715f * x.pow(3))).tanh());
}

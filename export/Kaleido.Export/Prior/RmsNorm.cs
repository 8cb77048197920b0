using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>T5LayerNorm: w ⊙ x / sqrt(mean(x²) + eps), in fp32, no bias and no mean subtraction.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly float _epsilon;

    public RmsNorm(int dim, float epsilon, Device device) : base(nameof(RmsNorm))
    {
        weight = new Parameter(ones(dim, device: device));
        _epsilon = epsilon;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public float Epsilon => _epsilon;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var x32 = x.to(float32);
        var meanSquare = x32.square().mean([-1L], keepdim: true);
        return (x32 * (meanSquare + _epsilon).rsqrt() * weight).MoveToOuterDisposeScope();
    }
}

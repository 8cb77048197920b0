using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// Initialises a toy module from an explicit generator, so training is reproducible even when other code
/// (or another test running in parallel) draws from TorchSharp's global RNG. Linear: weight and bias
/// U(−1/√fan_in, 1/√fan_in), PyTorch's default range; Embedding: N(0, 1), PyTorch's default.
/// </summary>
internal static class ToyInitialisation
{
    public static void Apply(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var child in module.modules())
        {
            switch (child)
            {
                case Linear linear:
                    double bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
                    FillUniform(linear.weight!, bound, generator);
                    if (linear.bias is not null)
                        FillUniform(linear.bias, bound, generator);
                    break;
                case Embedding embedding:
                    using (var values = randn(embedding.weight!.shape, generator: generator))
                        embedding.weight!.copy_(values);
                    break;
            }
        }
    }

    static void FillUniform(Tensor parameter, double bound, Generator generator)
    {
        using var unit = rand(parameter.shape, generator: generator);
        using var values = unit * (2 * bound) - bound;
        parameter.copy_(values);
    }
}

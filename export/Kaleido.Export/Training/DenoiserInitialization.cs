using Kaleido.Export.Denoiser;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// TorchSharp's default initialisation of the denoiser (ml-mdm keeps PyTorch's defaults), drawn from a given
/// generator instead of the process-wide one, which anything else running in the process also draws from:
/// Conv2d and Linear weights kaiming-uniform with a = √5, biases U(±1/√fan_in); norms keep the constants their
/// factories set. Layers are visited in the order their constructors built them, and the zero-initialised ones
/// draw and are zeroed again, so the generator advances exactly as the constructors advance the global one:
/// <c>Apply(model, new Generator(s))</c> gives the weights <c>manual_seed(s); new NestedUNet(…)</c> gives, bit for bit.
/// </summary>
public static class DenoiserInitialization
{
    public static void Apply(NestedUNet denoiser, Generator generator)
    {
        using var _ = no_grad();
        foreach (var module in InBuildOrder(denoiser))
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.weight!, conv.bias),
                Linear linear => (linear.weight!, linear.bias),
                _ => (null, null),
            };
            if (weight is null)
                continue;
            bool zeroInitialised = weight.count_nonzero().item<long>() == 0;
            double fanIn = weight.numel() / weight.shape[0];
            double weightBound = KaimingUniformBound(fanIn);
            weight.uniform_(-weightBound, weightBound, generator);
            bias?.uniform_(-1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), generator);
            if (zeroInitialised)
            {
                weight.zero_();
                bias?.zero_();
            }
        }
    }

    /// <summary>libtorch's <c>kaiming_uniform_</c> bound for a = √5, in its order of operations so the bits match.</summary>
    private static double KaimingUniformBound(double fanIn)
    {
        double a = Math.Sqrt(5);
        double gain = Math.Sqrt(2.0 / (1 + Math.Pow(a, 2)));
        return Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
    }

    /// <summary>Depth first in registration order: each constructor registers its layers in the order it builds them.</summary>
    private static IEnumerable<nn.Module> InBuildOrder(nn.Module module)
    {
        yield return module;
        foreach (var (_, child) in module.named_children())
            foreach (var descendant in InBuildOrder(child))
                yield return descendant;
    }
}

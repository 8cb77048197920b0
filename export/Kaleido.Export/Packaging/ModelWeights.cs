using Kaleido.Export.Denoiser;
using Kaleido.Export.Prior;
using static TorchSharp.torch;

namespace Kaleido.Export.Packaging;

/// <summary>The two networks of a model with the definition that shaped them; owns and disposes both.</summary>
public sealed class ModelWeights : IDisposable
{
    public ModelWeights(ModelDefinition definition, T5Prior prior, NestedUNet denoiser)
    {
        if (prior.Config != definition.Prior || denoiser.Config != definition.Denoiser)
            throw new ArgumentException("The networks' configs differ from the definition's.");
        Definition = definition;
        Prior = prior;
        Denoiser = denoiser;
    }

    public ModelDefinition Definition { get; }
    public T5Prior Prior { get; }
    public NestedUNet Denoiser { get; }

    /// <summary>
    /// A model with seeded random weights: the prior with TorchSharp's default initialisation after
    /// <c>manual_seed(seed)</c>, the denoiser with every parameter re-randomised (a fresh NestedUNet outputs
    /// exact zeros, which would hide mistakes downstream).
    /// </summary>
    public static ModelWeights Random(ModelDefinition definition, long seed)
    {
        manual_seed(seed);
        var prior = new T5Prior(definition.Prior);
        var denoiser = new NestedUNet(definition.Denoiser);
        denoiser.RandomizeAllParameters(seed + 1);
        prior.eval();
        denoiser.eval();
        return new ModelWeights(definition, prior, denoiser);
    }

    public void Dispose()
    {
        Prior.Dispose();
        Denoiser.Dispose();
    }
}

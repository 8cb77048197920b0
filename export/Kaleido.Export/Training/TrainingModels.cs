using Kaleido.Export.Denoiser;
using Kaleido.Export.Packaging;
using Kaleido.Export.Prior;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>Freshly initialised models, a pure function of (config, seed).</summary>
public static class TrainingModels
{
    /// <summary>A prior with T5's initialisation drawn from <paramref name="seed"/>.</summary>
    public static T5Prior CreatePrior(ModelDefinition config, ulong seed)
    {
        var prior = new T5Prior(config.Prior);
        using var generator = new Generator(StepSeeds.Mix(seed, 0, 0x9_1210));
        PriorInitialization.Apply(prior, generator);
        return prior;
    }

    /// <summary>A denoiser with TorchSharp's default initialisation (zero output layers, as ml-mdm) from <paramref name="seed"/>.</summary>
    public static NestedUNet CreateDenoiser(ModelDefinition config, ulong seed)
    {
        var denoiser = new NestedUNet(config.Denoiser);
        using var generator = new Generator(DenoiserSeed(seed));
        DenoiserInitialization.Apply(denoiser, generator);
        return denoiser;
    }

    /// <summary>
    /// The denoiser's generator seed: the value the first runs passed to <c>manual_seed</c> before constructing
    /// the model, so the shipped model's initial weights are unchanged.
    /// </summary>
    public static ulong DenoiserSeed(ulong seed) => StepSeeds.Mix(seed, 0, 0xDE_2015E) >> 1;
}

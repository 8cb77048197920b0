namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>Picks a sampler by name, so settings and the CLI can name one.</summary>
public static class DiffusionSamplers
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ddpm", "ddim", DpmSolverPlusPlus2MSampler.SamplerName, UniPcSampler.SamplerName];

    /// <summary>
    /// "ddpm" (η must be left at 0; the DDPM posterior has no η), "ddim" with η >= 0, "dpm++2m" or "unipc" (deterministic, multistep). Names are case-insensitive.
    /// </summary>
    /// <param name="elements">Values per step at one resolution (B × values per sample), for samplers that keep a history.</param>
    public static IDiffusionSampler Create(string name, double eta = 0.0, int elements = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.Trim().ToLowerInvariant())
        {
            case "ddpm":
                if (eta != 0.0)
                    throw new ArgumentOutOfRangeException(nameof(eta), eta,
                        "η applies to the DDIM sampler only; use sampler 'ddim' with η = 1 for DDPM-like noise.");
                return new DdpmSampler();
            case "ddim":
                return new DdimSampler(eta);
            case DpmSolverPlusPlus2MSampler.SamplerName:
                if (eta != 0.0)
                    throw new ArgumentOutOfRangeException(nameof(eta), eta, "η applies to the DDIM sampler only; DPM-Solver++(2M) is deterministic.");
                return new DpmSolverPlusPlus2MSampler(elements);
            case UniPcSampler.SamplerName:
                if (eta != 0.0)
                    throw new ArgumentOutOfRangeException(nameof(eta), eta, "η applies to the DDIM sampler only; UniPC is deterministic.");
                return new UniPcSampler(elements);
            default:
                throw new ArgumentException($"Unknown sampler '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
        }
    }
}

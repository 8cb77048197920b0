namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>Picks a sampler by name, so settings and the CLI can name one.</summary>
public static class DiffusionSamplers
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ddpm", "ddim"];

    /// <summary>
    /// "ddpm" (η must be left at 0; the DDPM posterior has no η) or "ddim" with η >= 0. Names are case-insensitive.
    /// </summary>
    public static IDiffusionSampler Create(string name, double eta = 0.0)
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
            default:
                throw new ArgumentException($"Unknown sampler '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
        }
    }
}

namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>The families of base noise schedule γ[0..T] the runtime can build (architecture-facts §2).</summary>
public enum NoiseScheduleKind
{
    /// <summary>
    /// ml-mdm's DEEPFLOYD schedule, the same as diffusers' <c>squaredcos_cap_v2</c>:
    /// ᾱ(u) = cos²((u + 0.008)/1.008 · π/2), β clipped at 0.999. Every released ml-mdm config uses it.
    /// </summary>
    SquaredCosine,

    /// <summary>ml-mdm's COSINE schedule: logSNR(u) = −2·ln tan(a·u + b), λ in [λmin, λmax].</summary>
    LogSnrCosine,
}

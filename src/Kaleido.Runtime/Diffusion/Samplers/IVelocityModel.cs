using Kaleido.Runtime.Diffusion.Guidance;

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// A denoiser that predicts v at every resolution of a nested model, highest resolution first
/// (architecture-facts §1). The loop owns every buffer; the model reads x_t and writes v.
/// </summary>
public interface IVelocityModel
{
    /// <summary>
    /// Writes v for each resolution r: <paramref name="xt"/>[r] and <paramref name="velocity"/>[r] hold
    /// rows × (values per sample of r) floats, rows = B for <see cref="GuidanceBatchLayout.ConditionalOnly"/>
    /// and 2B for <see cref="GuidanceBatchLayout.UnconditionalThenConditional"/>.
    /// </summary>
    /// <param name="modelTime">The integer time the network sees (t − 1 for a step from table index t).</param>
    void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout);
}

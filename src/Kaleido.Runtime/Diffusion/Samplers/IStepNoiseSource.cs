namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// Supplies the starting noise x_T and the N(0, I) draw z of each step. Addressed by (step, resolution, sample) rather than drawn in
/// sequence, so a sample's noise does not depend on the batch it runs in, nor on steps that need none.
/// </summary>
public interface IStepNoiseSource
{
    /// <summary>Fills <paramref name="xT"/> (one sample's values at that resolution) with the sample's starting noise x_T.</summary>
    void FillStart(int resolutionIndex, int sampleIndex, Span<float> xT);

    /// <summary>Fills <paramref name="z"/> (one sample's values at that resolution) with standard normal draws.</summary>
    void Fill(int stepIndex, int resolutionIndex, int sampleIndex, Span<float> z);
}

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// One reverse step x_t → x_s given the (thresholded) x̂0. Plain math over spans: it never runs a model and
/// never draws noise; the caller passes z, so a step is a deterministic function of its inputs (and, for a
/// multistep sampler, of the x̂0 of the steps before it since <see cref="Reset"/>).
/// </summary>
public interface IDiffusionSampler
{
    /// <summary>The name a loop selects it by ("ddpm", "ddim").</summary>
    string Name { get; }

    /// <summary>Whether <see cref="Step"/> reads z at these levels; when false z may be empty.</summary>
    bool NeedsNoise(StepNoiseLevels levels);

    /// <summary>
    /// Writes x_s. <paramref name="x0"/>, <paramref name="xt"/>, <paramref name="xs"/> (and z when
    /// <see cref="NeedsNoise"/>) have one length; <paramref name="xs"/> may be the same memory as <paramref name="xt"/>.
    /// </summary>
    void Step(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, StepNoiseLevels levels, ReadOnlySpan<float> z, Span<float> xs);

    /// <summary>Starts a new trajectory: multistep samplers forget their history; single-step ones keep nothing.</summary>
    void Reset() { }
}

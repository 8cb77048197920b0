using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Export.Toy;

/// <summary>
/// Samples a trained toy denoiser with the runtime's own loop (<see cref="DenoiseLoop"/>): DDPM steps,
/// guidance u + w·(c − u) on v, no thresholding (the toy's data reach ±2.7, outside the image range [−1, 1]
/// that clipping assumes). Noise is keyed per sample (seed, sample index), so sample i starts from the same
/// x_T and sees the same z at every guidance scale and for both models.
/// </summary>
public static class ToySampler
{
    /// <summary>The "side" the toy's single resolution is keyed by in <see cref="NoiseKey"/>.</summary>
    public const int NoiseResolutionSide = 2;

    /// <summary>Returns N points [N, 2] row-major, one per id in <paramref name="conditionIds"/>.</summary>
    public static float[] Sample(
        ToyDenoiser denoiser, IReadOnlyList<int> conditionIds, NoiseSchedule schedule, float guidance, int steps, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        ArgumentNullException.ThrowIfNull(conditionIds);
        ArgumentNullException.ThrowIfNull(schedule);
        if (conditionIds.Count == 0)
            throw new ArgumentException("Sampling needs at least one condition id.", nameof(conditionIds));

        // 1. The runtime's loop over the toy's one resolution of two values per sample.
        var settings = new DenoiseLoopSettings
        {
            Steps = steps,
            Sampler = "ddpm",
            Thresholding = X0Thresholding.None,
            Guidance = guidance,
            GuidanceCutoff = 0, // the toy studies the paper's loop: guidance at every step
        };
        int count = conditionIds.Count;
        var loop = new DenoiseLoop(settings, [new DenoiseResolution(2, schedule)], count);

        // 2. x_T and every step's z, keyed by (seed, sample index).
        var keys = Enumerable.Range(0, count).Select(i => new NoiseKey(seed, (uint)i, 0, 0)).ToArray();
        var noise = new KeyedStepNoise(keys, [NoiseResolutionSide]);
        var samples = new float[count * 2];

        // 3. Denoise in place from x_T.
        using var model = new ToyVelocityModel(denoiser, conditionIds);
        loop.Sample(model, noise, [samples.AsMemory()]);
        return samples;
    }
}

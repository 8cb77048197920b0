using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>One resolution of a nested model: its values per sample (C·H·W) and its shifted schedule.</summary>
public sealed record DenoiseResolution(int ElementsPerSample, NoiseSchedule Schedule);

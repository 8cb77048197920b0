namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>One training draw: x_t = √γ·x0 + √(1−γ)·ε, with <paramref name="ModelTime"/> fed to the network.</summary>
public readonly record struct TrainingNoiseLevel(double Gamma, int ModelTime);

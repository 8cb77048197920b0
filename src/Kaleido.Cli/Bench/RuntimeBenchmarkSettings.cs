using Kaleido.Runtime.Sessions;

using Kaleido.Runtime;

namespace Kaleido.Cli.Bench;

/// <summary>What <see cref="RuntimeBenchmark"/> measures and how often. Immutable.</summary>
public sealed record RuntimeBenchmarkSettings
{
    /// <summary>Measured repetitions of every stage, after one unmeasured warm-up; 5 gives a median and quartiles.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Denoising steps per image: the runtime's default, so the end-to-end figure is the main job's.</summary>
    public int Steps { get; init; } = Kaleido.Runtime.Diffusion.Samplers.DenoiseLoopSettings.DefaultSteps;

    /// <summary>Guidance w ≠ 1 so the denoiser runs at 2 rows ([uncond; cond]) as the pipeline does for B = 1.</summary>
    public float Guidance { get; init; } = Kaleido.Runtime.Diffusion.Samplers.DenoiseLoopSettings.Default.Guidance;

    /// <summary>A caption in the shapes dataset's style, short enough for every preset.</summary>
    public string Prompt { get; init; } = "a red circle above a blue square";

    public ulong Seed { get; init; } = 1;

    /// <summary>Load-time settings of every session (device, intra-op threads).</summary>
    public SessionSettings Sessions { get; init; } = new();

    /// <exception cref="UserInputException">A count is out of range.</exception>
    public void Validate()
    {
        if (Repetitions < 1)
            throw new UserInputException($"repetitions is {Repetitions}; expected at least 1.");
        if (Steps < 1)
            throw new UserInputException($"steps is {Steps}; expected at least 1.");
        if (Guidance == 1.0f || !float.IsFinite(Guidance))
            throw new UserInputException($"guidance is {Guidance}; the benchmark measures the guided (2-row) step, so it must be finite and not 1.");
        Sessions.Validate();
    }
}

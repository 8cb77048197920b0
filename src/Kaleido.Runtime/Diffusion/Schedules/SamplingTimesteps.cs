namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// ml-mdm's <c>resample_steps</c>: N sampling steps over a T-step table (architecture-facts §2).
/// ratio = (T + 1)/(N + 1); ts_i = round(i·ratio) for i = 0..N, reversed. For T = 1000, N = 250 this is
/// 997, 993, …, 4, 0.
/// </summary>
public static class SamplingTimesteps
{
    /// <summary>
    /// The N + 1 table indices, noisiest first, ending at 0. i·ratio is computed in double as numpy does,
    /// and rounded half to even like Python's round (for odd N, 500.5 becomes 500).
    /// </summary>
    public static int[] Resample(int trainingSteps, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingSteps, 1);
        if (steps < 1 || steps > trainingSteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps,
                $"The number of sampling steps must be in 1..{trainingSteps} (the schedule's training steps).");

        double ratio = (trainingSteps + 1.0) / (steps + 1.0);
        var indices = new int[steps + 1];
        for (int i = 0; i <= steps; i++)
            indices[steps - i] = (int)Math.Round(i * ratio, MidpointRounding.ToEven);
        return indices;
    }

    /// <summary>The N consecutive (t, s) pairs of <see cref="Resample"/>, noisiest first.</summary>
    public static DenoisingStep[] Pairs(int trainingSteps, int steps)
    {
        int[] indices = Resample(trainingSteps, steps);
        var pairs = new DenoisingStep[steps];
        for (int i = 0; i < steps; i++)
            pairs[i] = new DenoisingStep(indices[i], indices[i + 1]);
        return pairs;
    }
}

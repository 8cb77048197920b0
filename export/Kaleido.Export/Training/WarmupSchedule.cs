namespace Kaleido.Export.Training;

/// <summary>Linear warm-up then constant (ml-mdm; Kaleido B.2): lr(s) = lr·min(1, (s + 1)/W) for steps s = 0, 1, ….</summary>
public static class WarmupSchedule
{
    public static double LearningRate(long step, double baseRate, int warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (warmupSteps <= 0)
            return baseRate;
        return baseRate * Math.Min(1.0, (step + 1.0) / warmupSteps);
    }
}

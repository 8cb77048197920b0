namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// ml-mdm's COSINE table (Salimans &amp; Ho 2022, "progressive distillation"; architecture-facts §2):
/// logSNR(u) = −2·ln tan(a·u + b), b = atan(e^{−λmax/2}), a = atan(e^{−λmin/2}) − b, γ = sigmoid(logSNR),
/// with u = linspace(0, 1, T) for γ[1..T] and γ[0] = 1 prepended. So γ[1] = sigmoid(λmax), γ[T] = sigmoid(λmin).
/// </summary>
public static class LogSnrCosineSchedule
{
    /// <summary>Builds γ[0..T]; γ[0] = 1.</summary>
    public static double[] BuildGammas(int trainingSteps, double logSnrMin, double logSnrMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingSteps, 1);
        if (!(logSnrMin < logSnrMax))
            throw new ArgumentOutOfRangeException(nameof(logSnrMin), $"[{logSnrMin}, {logSnrMax}]", "Need logSnrMin < logSnrMax.");

        double b = Math.Atan(Math.Exp(-0.5 * logSnrMax));
        double a = Math.Atan(Math.Exp(-0.5 * logSnrMin)) - b;
        var gammas = new double[trainingSteps + 1];
        gammas[0] = 1.0;
        for (int k = 1; k <= trainingSteps; k++)
        {
            // numpy's linspace(0, 1, T): u_j = j/(T − 1) for j = 0..T−1 (a single point is u = 0).
            double u = trainingSteps == 1 ? 0.0 : (double)(k - 1) / (trainingSteps - 1);
            double logSnr = -2.0 * Math.Log(Math.Tan(a * u + b));
            gammas[k] = 1.0 / (1.0 + Math.Exp(-logSnr));
        }
        return gammas;
    }
}

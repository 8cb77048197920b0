namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// The DEEPFLOYD / <c>squaredcos_cap_v2</c> table (Nichol &amp; Dhariwal 2021, eq. 17; architecture-facts §2):
/// ᾱ(u) = cos²((u + 0.008)/1.008 · π/2), β_i = min(1 − ᾱ(i/T)/ᾱ((i−1)/T), 0.999), γ_k = Π_{i≤k}(1 − β_i).
/// </summary>
public static class SquaredCosineSchedule
{
    /// <summary>Largest β: keeps γ[T] above zero (ᾱ(1) is ~0, so β_T would otherwise be ~1).</summary>
    public const double MaxBeta = 0.999;

    /// <summary>Builds γ[0..T]; γ[0] = 1.</summary>
    public static double[] BuildGammas(int trainingSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingSteps, 1);
        var gammas = new double[trainingSteps + 1];
        gammas[0] = 1.0;
        // ml-mdm sums log(1 − β) and exponentiates; the running product is the same number to ~1 ulp per step.
        double logGamma = 0.0;
        for (int i = 1; i <= trainingSteps; i++)
        {
            double beta = Math.Min(1.0 - AlphaBar((double)i / trainingSteps) / AlphaBar((double)(i - 1) / trainingSteps), MaxBeta);
            logGamma += Math.Log(1.0 - beta);
            gammas[i] = Math.Exp(logGamma);
        }
        return gammas;
    }

    static double AlphaBar(double u)
    {
        double c = Math.Cos((u + 0.008) / 1.008 * Math.PI / 2.0);
        return c * c;
    }
}

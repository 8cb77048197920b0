namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// The resolution shift of simple diffusion / ml-mdm's <c>schedule_shifted</c> (architecture-facts §2):
/// SNR' = SNR / s^p, i.e. logSNR' = logSNR − p·ln s, γ' = SNR'/(1 + SNR').
/// s is the resolution relative to the base (4 for 256px over 64px); the base (s = 1) is not shifted.
/// </summary>
public static class ResolutionShift
{
    /// <summary>
    /// γ' for one γ. Written as γ / (γ + (1 − γ)·s^p), which equals SNR'/(1 + SNR') and stays exact at γ = 1
    /// (SNR = ∞ there, so γ' = 1).
    /// </summary>
    public static double ShiftGamma(double gamma, double scale, double power)
    {
        double factor = Math.Pow(scale, power);
        return gamma / (gamma + (1.0 - gamma) * factor);
    }

    /// <summary>A new table γ'[k] = ShiftGamma(γ[k], s, p). Needs s >= 1 and p >= 0.</summary>
    public static double[] ShiftTable(ReadOnlySpan<double> gammas, double scale, double power)
    {
        if (!double.IsFinite(scale) || scale < 1.0)
            throw new ArgumentOutOfRangeException(nameof(scale), scale,
                "The resolution scale s must be >= 1 (the resolution divided by the base resolution, e.g. 4 for 256px over 64px).");
        if (!double.IsFinite(power) || power < 0.0)
            throw new ArgumentOutOfRangeException(nameof(power), power, "The shift power p must be finite and >= 0.");

        var shifted = new double[gammas.Length];
        for (int k = 0; k < gammas.Length; k++)
            shifted[k] = ShiftGamma(gammas[k], scale, power);
        return shifted;
    }
}

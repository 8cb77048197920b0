namespace Kaleido.Runtime.Tests.Diffusion;

/// <summary>
/// The tests' own straightforward double-precision versions of the schedule formulas
/// (architecture-facts §2), written without calling the runtime so they can catch its mistakes.
/// </summary>
internal static class ReferenceMath
{
    /// <summary>γ[0..T] of the squared-cosine schedule as a plain running product of (1 − β_i).</summary>
    public static double[] SquaredCosineGammas(int trainingSteps)
    {
        static double AlphaBar(double u) => Math.Pow(Math.Cos((u + 0.008) / 1.008 * Math.PI / 2), 2);

        var gammas = new double[trainingSteps + 1];
        gammas[0] = 1;
        double product = 1;
        for (int i = 1; i <= trainingSteps; i++)
        {
            double beta = 1 - AlphaBar(i / (double)trainingSteps) / AlphaBar((i - 1) / (double)trainingSteps);
            if (beta > 0.999) beta = 0.999;
            product *= 1 - beta;
            gammas[i] = product;
        }
        return gammas;
    }

    /// <summary>γ' through the SNR form: SNR = γ/(1 − γ), SNR' = SNR/s^p, γ' = SNR'/(1 + SNR'); γ = 1 stays 1.</summary>
    public static double ShiftBySnr(double gamma, double scale, double power)
    {
        if (gamma == 1) return 1;
        double snr = gamma / (1 - gamma);
        double shifted = snr / Math.Pow(scale, power);
        return shifted / (1 + shifted);
    }

    public static double[] ShiftedSquaredCosineGammas(int trainingSteps, double scale, double power)
    {
        double[] gammas = SquaredCosineGammas(trainingSteps);
        for (int k = 0; k < gammas.Length; k++)
            gammas[k] = ShiftBySnr(gammas[k], scale, power);
        return gammas;
    }

    public static double Logit(double p) => Math.Log(p / (1 - p));

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>round(i·(T+1)/(N+1)) half to even, by exact integer arithmetic, for i = N..0.</summary>
    public static int[] ExactResampledTimesteps(int trainingSteps, int steps)
    {
        var result = new int[steps + 1];
        for (int i = 0; i <= steps; i++)
        {
            long numerator = (long)i * (trainingSteps + 1);
            long denominator = steps + 1;
            long quotient = numerator / denominator;
            long twiceRemainder = 2 * (numerator % denominator);
            if (twiceRemainder > denominator || (twiceRemainder == denominator && quotient % 2 == 1))
                quotient++;
            result[steps - i] = (int)quotient;
        }
        return result;
    }

    public static float[] UniformVector(Random random, int length, double low, double high)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(low + (high - low) * random.NextDouble());
        return values;
    }

    public static float[] GaussianVector(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return values;
    }
}

using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Runtime.Tests.Diffusion.Samplers;

/// <summary>The DDPM and DDIM steps against the posterior q(x_s | x_t, x0) derived by Gaussian conditioning.</summary>
public sealed class StepMathTests
{
    const int Length = 64;

    /// <summary>(γ_t, γ_s) pairs: early, middle and late steps of the shifted 250-step schedule, and plain numbers.</summary>
    public static TheoryData<double, double> Levels()
    {
        double[] shifted = ReferenceMath.ShiftedSquaredCosineGammas(1000, 4.0, 1.0);
        return new TheoryData<double, double>
        {
            { shifted[997], shifted[993] },
            { shifted[502], shifted[498] },
            { shifted[8], shifted[4] },
            { 0.3, 0.7 },
            { 0.05, 0.0501 },
        };
    }

    /// <summary>
    /// x_s = √γ_s·x0 + √(1−γ_s)·e1 and x_t = √α·x_s + √(1−α)·e2 given x0, so conditioning on x_t gives
    /// mean = √γ_s·x0 + Cov/Var·(x_t − √γ_t·x0) with Cov = √α(1−γ_s), Var = 1 − γ_t, and variance (1−γ_s) − Cov²/Var.
    /// </summary>
    static (double Mean, double Variance) Posterior(double x0, double xt, double gammaT, double gammaS)
    {
        double alpha = gammaT / gammaS;
        double covariance = Math.Sqrt(alpha) * (1 - gammaS);
        double variance = 1 - gammaT;
        double mean = Math.Sqrt(gammaS) * x0 + covariance / variance * (xt - Math.Sqrt(gammaT) * x0);
        return (mean, (1 - gammaS) - covariance * covariance / variance);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Ddpm_mean_and_variance_equal_the_closed_form_posterior(double gammaT, double gammaS)
    {
        var random = new Random(11);
        float[] x0 = ReferenceMath.UniformVector(random, Length, -1, 1);
        float[] xt = ReferenceMath.GaussianVector(random, Length);
        var levels = new StepNoiseLevels(gammaT, gammaS);
        var sampler = new DdpmSampler();
        var withoutNoise = new float[Length];
        var withUnitNoise = new float[Length];

        sampler.Step(x0, xt, levels, new float[Length], withoutNoise);
        sampler.Step(x0, xt, levels, Enumerable.Repeat(1f, Length).ToArray(), withUnitNoise);

        Assert.True(sampler.NeedsNoise(levels));
        for (int i = 0; i < Length; i++)
        {
            var (mean, variance) = Posterior(x0[i], xt[i], gammaT, gammaS);
            Assert.Equal(mean, withoutNoise[i], 2e-6 * Math.Max(1, Math.Abs(mean)));
            Assert.Equal(Math.Sqrt(variance), withUnitNoise[i] - withoutNoise[i], 2e-6 * Math.Max(1, Math.Abs(mean)));
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Ddim_with_eta_one_is_the_ddpm_step(double gammaT, double gammaS)
    {
        var random = new Random(12);
        float[] x0 = ReferenceMath.UniformVector(random, Length, -1, 1);
        float[] xt = ReferenceMath.GaussianVector(random, Length);
        float[] z = ReferenceMath.GaussianVector(random, Length);
        var levels = new StepNoiseLevels(gammaT, gammaS);
        var ddpm = new float[Length];
        var ddim = new float[Length];

        new DdpmSampler().Step(x0, xt, levels, z, ddpm);
        new DdimSampler(eta: 1.0).Step(x0, xt, levels, z, ddim);

        for (int i = 0; i < Length; i++)
        {
            var (mean, variance) = Posterior(x0[i], xt[i], gammaT, gammaS);
            double expected = mean + Math.Sqrt(variance) * z[i];
            Assert.Equal(expected, ddim[i], 4e-6 * Math.Max(1, Math.Abs(expected)));
            Assert.Equal(ddpm[i], ddim[i], 4e-6 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Ddim_noise_coefficient_is_eta_times_the_posterior_deviation(double gammaT, double gammaS)
    {
        var random = new Random(13);
        float[] x0 = ReferenceMath.UniformVector(random, Length, -1, 1);
        float[] xt = ReferenceMath.GaussianVector(random, Length);
        var levels = new StepNoiseLevels(gammaT, gammaS);
        var sampler = new DdimSampler(eta: 0.5);
        var withoutNoise = new float[Length];
        var withUnitNoise = new float[Length];

        sampler.Step(x0, xt, levels, new float[Length], withoutNoise);
        sampler.Step(x0, xt, levels, Enumerable.Repeat(1f, Length).ToArray(), withUnitNoise);

        double expectedSigma = 0.5 * Math.Sqrt(Posterior(0, 0, gammaT, gammaS).Variance);
        for (int i = 0; i < Length; i++)
            Assert.Equal(expectedSigma, withUnitNoise[i] - withoutNoise[i], 4e-6);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Ddim_eta_zero_moves_a_consistent_x_t_to_the_same_epsilon_at_s(double gammaT, double gammaS)
    {
        // If x_t = √γ_t·x0 + √(1−γ_t)·ε exactly, the η = 0 step lands on √γ_s·x0 + √(1−γ_s)·ε.
        var random = new Random(14);
        float[] x0 = ReferenceMath.UniformVector(random, Length, -1, 1);
        float[] epsilon = ReferenceMath.GaussianVector(random, Length);
        var xt = new float[Length];
        for (int i = 0; i < Length; i++)
            xt[i] = (float)(Math.Sqrt(gammaT) * x0[i] + Math.Sqrt(1 - gammaT) * epsilon[i]);
        var sampler = new DdimSampler(eta: 0.0);
        var levels = new StepNoiseLevels(gammaT, gammaS);
        var xs = new float[Length];

        sampler.Step(x0, xt, levels, ReadOnlySpan<float>.Empty, xs);

        Assert.False(sampler.NeedsNoise(levels));
        for (int i = 0; i < Length; i++)
        {
            double expected = Math.Sqrt(gammaS) * x0[i] + Math.Sqrt(1 - gammaS) * epsilon[i];
            // ε̂ divides x_t's float rounding by √(1−γ_t); allow for that.
            Assert.Equal(expected, xs[i], 1e-5);
        }
    }

    [Fact]
    public void The_last_step_returns_x0_and_reads_no_noise()
    {
        var random = new Random(15);
        float[] x0 = ReferenceMath.UniformVector(random, Length, -1, 1);
        float[] xt = ReferenceMath.GaussianVector(random, Length);
        var levels = new StepNoiseLevels(0.9993, 1.0);

        foreach (IDiffusionSampler sampler in new IDiffusionSampler[] { new DdpmSampler(), new DdimSampler(0.0), new DdimSampler(1.0) })
        {
            var xs = new float[Length];
            Assert.False(sampler.NeedsNoise(levels));
            sampler.Step(x0, xt, levels, ReadOnlySpan<float>.Empty, xs);
            for (int i = 0; i < Length; i++)
                Assert.Equal(x0[i], xs[i], 1e-6);
        }
    }

    [Fact]
    public void V_prediction_of_the_true_v_gives_back_x0_and_epsilon()
    {
        var random = new Random(16);
        float[] x0 = ReferenceMath.UniformVector(random, Length, -1, 1);
        float[] epsilon = ReferenceMath.GaussianVector(random, Length);
        double gamma = 0.37;
        var xt = new float[Length];
        var v = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            xt[i] = (float)(Math.Sqrt(gamma) * x0[i] + Math.Sqrt(1 - gamma) * epsilon[i]);
            v[i] = (float)(Math.Sqrt(gamma) * epsilon[i] - Math.Sqrt(1 - gamma) * x0[i]);
        }
        var x0Hat = new float[Length];
        var epsilonHat = new float[Length];

        VPrediction.EstimateX0(xt, v, gamma, x0Hat);
        VPrediction.EstimateEpsilon(xt, x0Hat, gamma, epsilonHat);

        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(x0[i], x0Hat[i], 1e-6);
            Assert.Equal(epsilon[i], epsilonHat[i], 1e-5);
        }
    }

    [Fact]
    public void Step_rejects_mismatched_lengths_and_levels_out_of_order()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new DdpmSampler().Step(new float[4], new float[4], new StepNoiseLevels(0.3, 0.7), new float[3], new float[4]));
        Assert.Equal("z", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepNoiseLevels(0.7, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepNoiseLevels(1.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DdimSampler(-0.1));
    }

    [Fact]
    public void Samplers_are_picked_by_name_and_an_unknown_name_lists_the_choices()
    {
        Assert.IsType<DdpmSampler>(DiffusionSamplers.Create("DDPM"));
        Assert.Equal(0.25, Assert.IsType<DdimSampler>(DiffusionSamplers.Create("ddim", 0.25)).Eta);

        var error = Assert.Throws<ArgumentException>(() => DiffusionSamplers.Create("euler"));
        Assert.Contains("ddpm, ddim", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSamplers.Create("ddpm", 1.0));
    }
}

using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Diffusion.Schedules;
using Xunit.Abstractions;

namespace Kaleido.Runtime.Tests.Diffusion.Samplers;

public sealed class DpmSolverPlusPlus2MSamplerTests(ITestOutputHelper output)
{
    static readonly NoiseSchedule Schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings());

    /// <summary>The update formulas of Lu et al. 2022 (Alg. 2) in double, written in α, σ and t directly.</summary>
    static double[] Reference(IReadOnlyList<double[]> x0s, double[] xT, IReadOnlyList<(double GammaT, double GammaS)> steps)
    {
        var x = (double[])xT.Clone();
        double[]? previousX0 = null;
        double previousLambda = double.NaN;
        for (int i = 0; i < steps.Count; i++)
        {
            var (gt, gs) = steps[i];
            double at = Math.Sqrt(gt), st = Math.Sqrt(1 - gt);
            double lt = Math.Log(at / st);
            if (gs == 1.0)
            {
                x = (double[])x0s[i].Clone();
                break;
            }
            double aS = Math.Sqrt(gs), sS = Math.Sqrt(1 - gs);
            double ls = Math.Log(aS / sS), h = ls - lt;
            for (int j = 0; j < x.Length; j++)
            {
                double d = x0s[i][j];
                if (previousX0 is not null)
                {
                    double r = (lt - previousLambda) / h;
                    d = (1 + 1 / (2 * r)) * x0s[i][j] - 1 / (2 * r) * previousX0[j];
                }
                x[j] = sS / st * x[j] - aS * (Math.Exp(-h) - 1) * d;
            }
            previousX0 = x0s[i];
            previousLambda = lt;
        }
        return x;
    }

    static List<(double, double)> Levels(int steps) =>
        SamplingTimesteps.Pairs(Schedule.TrainingSteps, steps).Select(p => (Schedule.Gamma(p.T), Schedule.Gamma(p.S))).ToList();

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(25)]
    public void Steps_match_the_double_precision_update_formulas(int count)
    {
        var random = new Random(count);
        const int n = 64;
        var steps = Levels(count);
        var x0s = steps.Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToList();
        var xT = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();

        var sampler = new DpmSolverPlusPlus2MSampler(n);
        var x = xT.Select(v => (float)v).ToArray();
        for (int i = 0; i < steps.Count; i++)
            sampler.Step(x0s[i].Select(v => (float)v).ToArray(), x, new StepNoiseLevels(steps[i].Item1, steps[i].Item2), default, x);

        double[] expected = Reference(x0s, xT, steps);
        for (int j = 0; j < n; j++)
            Assert.Equal(expected[j], x[j], Math.Max(1e-5, Math.Abs(expected[j]) * 1e-5));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(250)]
    public void An_oracle_model_is_recovered_through_the_loop(int steps)
    {
        // With the true x0 every update stays on x_t = α·x0 + σ·ε exactly (both orders give D = x0), so the loop ends at x0.
        var random = new Random(steps);
        float[][] x0 = [RandomImage(random, 3 * 4 * 4), RandomImage(random, 3 * 2 * 2)];
        var gammas = new[] { NoiseSchedule.CreateForScale(new NoiseScheduleSettings(), 2), NoiseSchedule.CreateBase(new NoiseScheduleSettings()) };
        var resolutions = new[] { new DenoiseResolution(x0[0].Length, gammas[0]), new DenoiseResolution(x0[1].Length, gammas[1]) };
        var loop = new DenoiseLoop(new DenoiseLoopSettings { Steps = steps, Sampler = DpmSolverPlusPlus2MSampler.SamplerName, Guidance = 1, Thresholding = X0Thresholding.None },
            resolutions, batchSize: 1);
        var model = new OracleVelocityModel([gammas[0].Gammas.ToArray(), gammas[1].Gammas.ToArray()], x0);
        Memory<float>[] samples = [new float[x0[0].Length], new float[x0[1].Length]];
        loop.Sample(model, new HashNoiseSource(3), samples);
        for (int r = 0; r < 2; r++)
            for (int j = 0; j < x0[r].Length; j++)
                Assert.Equal(x0[r][j], samples[r].Span[j], 2e-5);
    }

    [Fact]
    public void On_a_gaussian_toy_the_error_falls_with_the_second_power_of_the_steps()
    {
        // Data N(μ, s²) per value: E[x0 | x_t] = μ + α·s²/(α²s² + σ²)·(x_t − α·μ), and the probability-flow ODE keeps
        // each value's quantile: x_t = α·μ + √(α²s² + σ²)·u. Both solvers start on the exact marginal at the first
        // step and are compared with the exact solution where they stop.
        const double mu = 0.3, s = 0.5;
        var u = new[] { -1.5, -0.4, 0.2, 1.1, 2.0 };
        double Exact(double gamma, double q) => Math.Sqrt(gamma) * mu + Math.Sqrt(gamma * s * s + 1 - gamma) * q;
        double Denoise(double gamma, double xt) => mu + Math.Sqrt(gamma) * s * s / (gamma * s * s + 1 - gamma) * (xt - Math.Sqrt(gamma) * mu);

        // Steps uniform in λ = log(α/σ) from −4 to 4 (γ = 1/(1 + e^(−2λ))), away from the schedule's end points, where
        // the first jump from SNR ≈ 0 dominates any solver's error and hides its order.
        static List<(double, double)> UniformInLambda(int count) => Enumerable.Range(0, count)
            .Select(i => (Gamma(-4 + 8.0 * i / count), Gamma(-4 + 8.0 * (i + 1) / count))).ToList();
        static double Gamma(double lambda) => 1 / (1 + Math.Exp(-2 * lambda));

        double Error(IDiffusionSampler sampler, int count)
        {
            var steps = UniformInLambda(count);
            var x = u.Select(q => (float)Exact(steps[0].Item1, q)).ToArray();
            var x0 = new float[u.Length];
            sampler.Reset();
            foreach (var (gt, gs) in steps)
            {
                for (int j = 0; j < u.Length; j++)
                    x0[j] = (float)Denoise(gt, x[j]);
                sampler.Step(x0, x, new StepNoiseLevels(gt, gs), default, x);
            }
            double end = steps[^1].Item2;
            return u.Select((q, j) => Math.Abs(x[j] - Exact(end, q))).Max();
        }

        double Order(IDiffusionSampler sampler, int n) => Math.Log2(Error(sampler, n) / Error(sampler, 2 * n));
        var dpm = new DpmSolverPlusPlus2MSampler(u.Length);
        var ddim = new DdimSampler(0);
        double dpmOrder = Order(dpm, 20), ddimOrder = Order(ddim, 20);
        output.WriteLine($"measured order, steps 20 -> 40: DPM-Solver++(2M) {dpmOrder:F2} (error {Error(dpm, 20):E2} -> {Error(dpm, 40):E2}), DDIM {ddimOrder:F2} (error {Error(ddim, 20):E2} -> {Error(ddim, 40):E2})");
        Assert.InRange(dpmOrder, 1.7, 2.3);
        Assert.InRange(ddimOrder, 0.85, 1.15);
        Assert.True(Error(dpm, 10) < Error(ddim, 10));
    }

    [Fact]
    public void Reset_starts_a_new_trajectory_and_the_loop_is_deterministic()
    {
        var sampler = new DpmSolverPlusPlus2MSampler(4);
        var levels = Levels(5);
        float[] Run()
        {
            sampler.Reset();
            var x = new float[] { 0.5f, -0.2f, 0.1f, 0.9f };
            for (int i = 0; i < levels.Count - 1; i++)
                sampler.Step([0.1f * i, 0.2f, -0.3f, 0.4f], x, new StepNoiseLevels(levels[i].Item1, levels[i].Item2), default, x);
            return x;
        }
        Assert.Equal(Run(), Run());
        Assert.False(sampler.NeedsNoise(new StepNoiseLevels(0.5, 0.6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSamplers.Create(DpmSolverPlusPlus2MSampler.SamplerName, eta: 0.5, elements: 4));
    }

    static float[] RandomImage(Random random, int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 1.8 - 0.9)).ToArray();
}

using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Runtime.Tests.Diffusion.Samplers;

public sealed class DenoiseLoopTests
{
    const int T = 1000;
    const int Batch = 2;
    // A toy nested model: outer 3×8×8 at scale 4 (shifted), inner 3×2×2 at scale 1 (base).
    static readonly int[] PerSample = [3 * 8 * 8, 3 * 2 * 2];
    static readonly double[] Scales = [4.0, 1.0];

    static DenoiseResolution[] Resolutions(NoiseScheduleSettings? settings = null)
    {
        settings ??= new NoiseScheduleSettings();
        var resolutions = new DenoiseResolution[PerSample.Length];
        for (int r = 0; r < resolutions.Length; r++)
            resolutions[r] = new DenoiseResolution(PerSample[r], NoiseSchedule.CreateForScale(settings, Scales[r]));
        return resolutions;
    }

    static double[][] TestGammaTables() =>
        [.. Scales.Select(scale => ReferenceMath.ShiftedSquaredCosineGammas(T, scale, 1.0))];

    static float[][] RandomImages(Random random) =>
        [.. PerSample.Select(n => ReferenceMath.UniformVector(random, Batch * n, -1, 1))];

    static float[][] StartingNoise(Random random) =>
        [.. PerSample.Select(n => ReferenceMath.GaussianVector(random, Batch * n))];

    static Memory<float>[] Views(float[][] arrays) => [.. arrays.Select(a => new Memory<float>(a))];

    static void AssertClose(float[][] expected, float[][] actual, double tolerance)
    {
        for (int r = 0; r < expected.Length; r++)
            for (int i = 0; i < expected[r].Length; i++)
                Assert.True(Math.Abs(expected[r][i] - actual[r][i]) <= tolerance,
                    $"resolution {r}, value {i}: expected {expected[r][i]}, got {actual[r][i]}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(250)]
    public void Ddim_eta_zero_with_the_true_v_recovers_x0(int steps)
    {
        var random = new Random(100 + steps);
        float[][] x0 = RandomImages(random);
        float[][] samples = StartingNoise(random);
        var model = new OracleVelocityModel(TestGammaTables(), x0);
        var loop = new DenoiseLoop(new DenoiseLoopSettings { Steps = steps, Sampler = "ddim", Guidance = 1 }, Resolutions(), Batch);

        loop.Run(model, new HashNoiseSource(1), Views(samples));

        Assert.Equal(steps, model.Calls);
        AssertClose(x0, samples, 1e-5);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(250)]
    public void Ddpm_with_the_true_v_and_dynamic_thresholding_recovers_x0(int steps)
    {
        // x0 lies in [−1, 1], so the quantile is at most 1, s = 1 and dynamic thresholding leaves it alone.
        var random = new Random(200 + steps);
        float[][] x0 = RandomImages(random);
        float[][] samples = StartingNoise(random);
        var settings = new DenoiseLoopSettings { Steps = steps, Sampler = "ddpm", Guidance = 1, Thresholding = X0Thresholding.DynamicDeepFloyd };
        var loop = new DenoiseLoop(settings, Resolutions(), Batch);

        loop.Run(new OracleVelocityModel(TestGammaTables(), x0), new HashNoiseSource(2), Views(samples));

        AssertClose(x0, samples, 1e-5);
    }

    [Theory]
    [InlineData(0.0f)]
    [InlineData(1.0f)]
    [InlineData(3.0f)]
    public void Guidance_on_v_moves_x0_to_u_plus_w_times_c_minus_u(float scale)
    {
        // x̂0 is affine in v with the same x_t term, so guiding the true v's guides x0 the same way.
        var random = new Random(300);
        float[][] conditional = RandomImages(random);
        float[][] unconditional = RandomImages(random);
        float[][] samples = StartingNoise(random);
        var model = new OracleVelocityModel(TestGammaTables(), conditional, unconditional);
        var settings = new DenoiseLoopSettings { Steps = 20, Sampler = "ddim", Guidance = scale, GuidanceCutoff = 0, Thresholding = X0Thresholding.None };
        var loop = new DenoiseLoop(settings, Resolutions(), Batch);

        loop.Run(model, new HashNoiseSource(3), Views(samples));

        float[][] expected = [.. conditional.Select((c, r) => c.Select((value, i) =>
            (float)(unconditional[r][i] + scale * ((double)value - unconditional[r][i]))).ToArray())];
        AssertClose(expected, samples, 4e-5);
        Assert.Equal(scale == 1.0f ? GuidanceBatchLayout.ConditionalOnly : GuidanceBatchLayout.UnconditionalThenConditional, model.LastLayout);
    }

    [Theory]
    [InlineData(0)]      // the paper: guidance at every step
    [InlineData(300)]    // t = 231, 154 and 77 unguided
    [InlineData(1000)]   // every step unguided: the first is at t = 924
    public void Guided_ddpm_loop_matches_an_independent_double_precision_loop(int guidanceCutoff)
    {
        const int steps = 12;
        const double guidance = 2.0;
        var random = new Random(400);
        float[][] samples = StartingNoise(random);
        var noise = new HashNoiseSource(4);
        var model = new AffineVelocityModel(0.3, 0.0, 0.6, 0.1);
        var settings = new DenoiseLoopSettings { Steps = steps, Sampler = "ddpm", Guidance = (float)guidance, GuidanceCutoff = guidanceCutoff, Thresholding = X0Thresholding.Clip };

        // The test's loop: own timesteps, own tables, posterior by Gaussian conditioning, all in double.
        double[][] gammas = TestGammaTables();
        int[] timesteps = ReferenceMath.ExactResampledTimesteps(T, steps);
        double[][] expected = [.. samples.Select(s => s.Select(v => (double)v).ToArray())];
        var expectedLayouts = new List<GuidanceBatchLayout>();
        for (int i = 0; i < steps; i++)
        {
            bool guided = timesteps[i] >= guidanceCutoff;
            double w = guided ? guidance : 1.0;
            expectedLayouts.Add(guided ? GuidanceBatchLayout.UnconditionalThenConditional : GuidanceBatchLayout.ConditionalOnly);
            for (int r = 0; r < expected.Length; r++)
            {
                double gammaT = gammas[r][timesteps[i]], gammaS = gammas[r][timesteps[i + 1]];
                double alpha = gammaT / gammaS;
                for (int j = 0; j < expected[r].Length; j++)
                {
                    double xt = expected[r][j];
                    double u = 0.3 * xt, c = 0.6 * xt + 0.1;
                    double v = u + w * (c - u);
                    double x0 = Math.Clamp(Math.Sqrt(gammaT) * xt - Math.Sqrt(1 - gammaT) * v, -1, 1);
                    double covariance = Math.Sqrt(alpha) * (1 - gammaS);
                    double mean = Math.Sqrt(gammaS) * x0 + covariance / (1 - gammaT) * (xt - Math.Sqrt(gammaT) * x0);
                    double variance = Math.Max((1 - gammaS) - covariance * covariance / (1 - gammaT), 0);
                    int sample = j / PerSample[r], element = j % PerSample[r];
                    expected[r][j] = mean + Math.Sqrt(variance) * noise.Draw(i, r, sample, element);
                }
            }
        }

        var recording = new LayoutRecordingModel(model);
        new DenoiseLoop(settings, Resolutions(), Batch).Run(recording, noise, Views(samples));

        AssertClose([.. expected.Select(e => e.Select(v => (float)v).ToArray())], samples, 1e-4);
        Assert.Equal(expectedLayouts, recording.Layouts);
        Assert.Equal(expectedLayouts.Sum(l => l == GuidanceBatchLayout.ConditionalOnly ? 1 : 2), settings.EvaluationsPerImage(T));
    }

    [Fact]
    public void A_sample_gets_the_same_bytes_alone_or_in_a_batch()
    {
        var random = new Random(500);
        float[][] batch = StartingNoise(random);
        float[][] second = [.. batch.Select((b, r) => b[PerSample[r]..])];
        var model = new AffineVelocityModel(0.2, -0.05, 0.5, 0.05);
        var settings = new DenoiseLoopSettings { Steps = 15, Sampler = "ddpm", Guidance = 4f, Thresholding = X0Thresholding.DynamicImagen };

        new DenoiseLoop(settings, Resolutions(), Batch).Run(model, new HashNoiseSource(5), Views(batch));
        new DenoiseLoop(settings, Resolutions(), 1).Run(model, new HashNoiseSource(5, sampleOffset: 1), Views(second));

        for (int r = 0; r < PerSample.Length; r++)
            Assert.Equal(batch[r][PerSample[r]..], second[r]);
    }

    [Fact]
    public void Run_allocates_nothing()
    {
        var random = new Random(600);
        float[][] x0 = RandomImages(random);
        float[][] conditional = RandomImages(random);
        var model = new OracleVelocityModel(TestGammaTables(), conditional, x0);
        // A cutoff, so that both kinds of step run.
        var settings = new DenoiseLoopSettings { Steps = 30, Guidance = 5f, GuidanceCutoff = 200, Thresholding = X0Thresholding.DynamicDeepFloyd };
        var loop = new DenoiseLoop(settings, Resolutions(), Batch);
        var noise = new HashNoiseSource(6);
        Memory<float>[] views = Views(StartingNoise(random));
        loop.Run(model, noise, views);   // warm up the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        loop.Run(model, noise, views);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(4f)]
    public void Sample_starts_from_the_noise_sources_x_T_and_reports_every_step(float guidance)
    {
        var settings = new DenoiseLoopSettings { Steps = 6, Guidance = guidance };
        var model = new AffineVelocityModel(0.2, 0.1, -0.3, 0.05);
        var noise = new HashNoiseSource(21);

        // The reference: x_T filled by hand, sample b from the source's sample b, then Run.
        var byHand = PerSample.Select(n => new float[Batch * n]).ToArray();
        for (int r = 0; r < PerSample.Length; r++)
            for (int b = 0; b < Batch; b++)
                noise.FillStart(r, b, byHand[r].AsSpan(b * PerSample[r], PerSample[r]));
        new DenoiseLoop(settings, Resolutions(), Batch).Run(model, noise, Views(byHand));

        var sampled = PerSample.Select(n => Enumerable.Repeat(float.NaN, Batch * n).ToArray()).ToArray(); // overwritten, never read
        var steps = new List<int>();
        new DenoiseLoop(settings, Resolutions(), Batch).Sample(model, noise, Views(sampled), steps.Add);

        Assert.Equal(byHand, sampled);
        Assert.Equal([1, 2, 3, 4, 5, 6], steps);
        Assert.Equal(guidance != 1f, settings.IsGuided);
        Assert.Equal(guidance != 1f ? 2 * Batch : Batch, settings.ModelRows(Batch));
    }

    [Fact]
    public void Bad_inputs_name_what_was_expected()
    {
        var loop = new DenoiseLoop(new DenoiseLoopSettings { Steps = 5, Guidance = 1 }, Resolutions(), Batch);
        var model = new AffineVelocityModel(0, 0, 0, 0);

        var wrongLength = Assert.Throws<ArgumentException>(
            () => loop.Run(model, new HashNoiseSource(7), [new float[Batch * PerSample[0]], new float[3]]));
        Assert.Contains("expected B × values per sample = 2 × 12", wrongLength.Message);

        Assert.Throws<ArgumentException>(() => new DenoiseLoop(new DenoiseLoopSettings { Sampler = "plms" }, Resolutions(), Batch));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DenoiseLoop(new DenoiseLoopSettings { Steps = 0 }, Resolutions(), Batch));
        var mixedT = new[] { Resolutions()[0], new DenoiseResolution(12, NoiseSchedule.CreateBase(new NoiseScheduleSettings { TrainingSteps = 500 })) };
        Assert.Throws<ArgumentException>(() => new DenoiseLoop(new DenoiseLoopSettings(), mixedT, Batch));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(T + 1)]
    public void A_guidance_cutoff_outside_0_to_T_is_refused_by_its_key(int cutoff)
    {
        var error = Assert.Throws<UserInputException>(() => new DenoiseLoopSettings { GuidanceCutoff = cutoff }.Validate(T));
        Assert.Equal([Settings.SettingKeys.GuidanceCutoff], error.SettingKeys);
        Assert.Contains("from 0 (guidance at every step) to 1000", error.Message);
    }

    [Fact]
    public void Evaluations_count_two_rows_per_guided_step_and_one_per_unguided_step()
    {
        // DDIM 20 over T = 1000 ends at t = 95, 48: a cutoff of 110 leaves those two unguided.
        Assert.Equal(40, new DenoiseLoopSettings { Steps = 20, GuidanceCutoff = 0 }.EvaluationsPerImage(T));
        Assert.Equal(38, new DenoiseLoopSettings { Steps = 20, GuidanceCutoff = 110 }.EvaluationsPerImage(T));
        Assert.Equal(20, new DenoiseLoopSettings { Steps = 20, Guidance = 1, GuidanceCutoff = 110 }.EvaluationsPerImage(T));
        // The paper's DDPM 250, and the default: DDIM 15 ends at t = 125, 63, both below 130.
        Assert.Equal(500, new DenoiseLoopSettings { Sampler = "ddpm", Steps = 250, GuidanceCutoff = 0 }.EvaluationsPerImage(T));
        Assert.Equal(28, new DenoiseLoopSettings().EvaluationsPerImage(T));
    }
}

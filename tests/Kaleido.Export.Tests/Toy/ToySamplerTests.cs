using Kaleido.Export.Toy;
using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Diffusion.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToySamplerTests
{
    static readonly NoiseSchedule Schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings());

    [Theory]
    [InlineData(1f)]
    [InlineData(3f)]
    public void Sampling_matches_a_plain_guided_ddpm_loop(float guidance)
    {
        set_num_threads(1);
        using var generator = new Generator(21);
        var conditioning = ToyConditioning.For(ToyModelKind.LatentAugmented, ToyMixture.Paper);
        using var denoiser = new ToyDenoiser(new ToyDenoiserConfig { HiddenWidth = 32, HiddenLayers = 2 }, conditioning, generator);
        int[] ids = [0, 1, 2, 3, 3, 2, 1, 0];
        const int steps = 20;
        const ulong seed = 99;

        float[] actual = ToySampler.Sample(denoiser, ids, Schedule, guidance, steps, seed);
        double[] expected = ReferenceLoop(denoiser, ids, guidance, steps, seed);

        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-4);
    }

    /// <summary>
    /// The loop written out: timesteps round(i·(T+1)/(N+1)) reversed, model time t − 1, v = u + w(c − u) with the
    /// null id for u, x̂0 = √γ_t·x_t − √(1−γ_t)·v, DDPM posterior mean plus √β̃·z except at the last step; x_T and
    /// z are the keyed streams (seed, sample, key step, side 2) the runtime documents.
    /// </summary>
    static double[] ReferenceLoop(ToyDenoiser denoiser, int[] ids, float w, int steps, ulong seed)
    {
        int n = ids.Length;
        int trainingSteps = Schedule.TrainingSteps;
        var x = new double[2 * n];
        var buffer = new float[2];
        for (int i = 0; i < n; i++)
        {
            GaussianNoise.Fill(buffer, new NoiseKey(seed, (uint)i, 0, 2));
            x[2 * i] = buffer[0];
            x[2 * i + 1] = buffer[1];
        }

        double ratio = (trainingSteps + 1.0) / (steps + 1.0);
        int Index(int j) => (int)Math.Round((steps - j) * ratio, MidpointRounding.ToEven);
        for (int j = 0; j < steps; j++)
        {
            int t = Index(j), s = Index(j + 1);
            double gammaT = Schedule.Gamma(t), gammaS = Schedule.Gamma(s);
            double[] c = Velocity(denoiser, x, t - 1, ids);
            double[] u = Velocity(denoiser, x, t - 1, Enumerable.Repeat(denoiser.Conditioning.NullId, n).ToArray());

            double alpha = gammaT / gammaS, beta = 1 - alpha;
            double posteriorVariance = beta * (1 - gammaS) / (1 - gammaT);
            for (int i = 0; i < n; i++)
            {
                if (s > 0)
                    GaussianNoise.Fill(buffer, new NoiseKey(seed, (uint)i, (uint)j + 1, 2));
                for (int d = 0; d < 2; d++)
                {
                    int k = 2 * i + d;
                    double v = u[k] + w * (c[k] - u[k]);
                    double x0 = Math.Sqrt(gammaT) * x[k] - Math.Sqrt(1 - gammaT) * v;
                    double mean = Math.Sqrt(gammaS) * beta / (1 - gammaT) * x0 + Math.Sqrt(alpha) * (1 - gammaS) / (1 - gammaT) * x[k];
                    x[k] = s > 0 ? mean + Math.Sqrt(posteriorVariance) * buffer[d] : mean;
                }
            }
        }
        return x;
    }

    static double[] Velocity(ToyDenoiser denoiser, double[] x, int modelTime, int[] ids)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(x.Select(value => (float)value).ToArray(), [ids.Length, 2]);
        var time = full([ids.Length], modelTime, ScalarType.Int64);
        var v = denoiser.Forward(input, time, tensor(ids.Select(id => (long)id).ToArray()));
        return v.data<float>().Select(value => (double)value).ToArray();
    }
}

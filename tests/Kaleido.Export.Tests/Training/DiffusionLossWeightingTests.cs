using Kaleido.Export.Denoiser;
using Kaleido.Export.Training;
using Kaleido.Runtime.Diffusion.Schedules;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

/// <summary>
/// Both weightings of L_DM against the test's own double-precision reference, written through the x0 error:
/// with e0 = x̂0 − x0 and SNR = γ/(1 − γ), ε-MSE = mean(SNR·e0²) and v-MSE = mean((SNR + 1)·e0²).
/// </summary>
public sealed class DiffusionLossWeightingTests
{
    [Theory]
    [InlineData(DiffusionLossWeighting.Epsilon)]
    [InlineData(DiffusionLossWeighting.Velocity)]
    public void PerResolutionLoss_EqualsTheSnrWeightedX0Error(DiffusionLossWeighting weighting)
    {
        var config = DenoiserConfigs.Tiny;
        using var denoiser = new NestedUNet(config);
        denoiser.RandomizeAllParameters(seed: 3);
        var schedule = new NoiseScheduleSettings();
        using var loss = new DiffusionLoss(schedule, config.NestRatio, [1.0, 0.5], weighting);

        const int batch = 3, length = 5;
        var random = new Generator(41);
        using var x0Outer = rand([batch, 3, 16, 16], generator: random) * 2 - 1;
        using var x0Inner = rand([batch, 3, 8, 8], generator: random) * 2 - 1;
        using var conditioning = randn([batch, length, config.Conditioning.LmWidth], generator: random);
        using var mask = ones([batch, length], dtype: int64);
        Tensor[] x0 = [x0Outer, x0Inner];

        using var draws = new Generator(7);
        var (total, perResolution) = loss.Compute(denoiser, x0, conditioning, mask, draws);

        // The reference: the same draws (k first, then ε per resolution), x_t, the network's v, and the x0 error.
        using var replay = new Generator(7);
        var k = randint(0, loss.TrainingSteps, [batch], dtype: int64, generator: replay);
        var noise = x0.Select(x => randn(x.shape, generator: replay)).ToArray();
        var schedules = new[] { NoiseSchedule.CreateForScale(schedule, config.NestRatio), NoiseSchedule.CreateBase(schedule) };
        long[] ks = k.data<long>().ToArray();
        var noisy = new Tensor[2];
        var gammas = new double[2][];
        for (int r = 0; r < 2; r++)
        {
            gammas[r] = ks.Select(step => schedules[r].TrainingLevel((int)step).Gamma).ToArray();
            var g = tensor(gammas[r]).view(batch, 1, 1, 1);
            noisy[r] = (g.sqrt() * x0[r].to(float64) + (1 - g).sqrt() * noise[r].to(float64)).to(float32);
        }
        Tensor[] v;
        using (no_grad())
            v = denoiser.Forward(noisy, k, conditioning, mask);

        double expectedTotal = 0;
        for (int r = 0; r < 2; r++)
        {
            var g = tensor(gammas[r]).view(batch, 1, 1, 1);
            var x0Hat = g.sqrt() * noisy[r].to(float64) - (1 - g).sqrt() * v[r].to(float64);
            var errorSquared = (x0Hat - x0[r].to(float64)).pow(2);
            var snr = g / (1 - g);
            var weight = weighting == DiffusionLossWeighting.Velocity ? snr + 1 : snr;
            double expected = (weight * errorSquared).mean().item<double>();
            Assert.Equal(expected, perResolution[r], expected * 2e-4);
            expectedTotal += (r == 0 ? 1.0 : 0.5) * expected;
        }
        Assert.Equal(expectedTotal, total.item<float>(), expectedTotal * 2e-4);
    }

    [Fact]
    public void TheTwoWeightings_DifferOnTheSameDraws()
    {
        // A control: if the switch were not wired through, both would give the same number.
        var config = DenoiserConfigs.Tiny;
        using var denoiser = new NestedUNet(config);
        denoiser.RandomizeAllParameters(seed: 3);
        using var x0Outer = zeros([2, 3, 16, 16]);
        using var x0Inner = zeros([2, 3, 8, 8]);
        using var conditioning = zeros([2, 4, config.Conditioning.LmWidth]);
        using var mask = ones([2, 4], dtype: int64);
        double Loss(DiffusionLossWeighting w)
        {
            using var loss = new DiffusionLoss(new NoiseScheduleSettings(), config.NestRatio, [1.0, 1.0], w);
            using var g = new Generator(9);
            return loss.Compute(denoiser, [x0Outer, x0Inner], conditioning, mask, g).Total.item<float>();
        }
        Assert.NotEqual(Loss(DiffusionLossWeighting.Epsilon), Loss(DiffusionLossWeighting.Velocity), 3);
    }
}

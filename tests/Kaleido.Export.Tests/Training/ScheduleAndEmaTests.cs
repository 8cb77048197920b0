using Kaleido.Export.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

public class ScheduleAndEmaTests
{
    [Theory]
    [InlineData(0, 4, 0.25e-3)]
    [InlineData(1, 4, 0.5e-3)]
    [InlineData(3, 4, 1e-3)]
    [InlineData(100, 4, 1e-3)]
    [InlineData(0, 0, 1e-3)]
    [InlineData(9_999, 10_000, 1e-3)]
    [InlineData(4_999, 10_000, 0.5e-3)]
    public void WarmupRisesLinearlyThenHolds(long step, int warmup, double expected) =>
        Assert.Equal(expected, WarmupSchedule.LearningRate(step, 1e-3, warmup), 15);

    [Fact]
    public void PaperRunLengthGivesPaperWarmupAndDecay()
    {
        var paper = new TrainingSettings { Steps = 400_000 };
        Assert.Equal(10_000, paper.ResolvedWarmupSteps);
        Assert.Equal(0.9999, paper.ResolvedEmaDecay, 12);
    }

    [Fact]
    public void ShortRunsScaleWarmupAndEmaWindowToTwoAndAHalfPercent()
    {
        var run = new TrainingSettings { Steps = 2000 };
        Assert.Equal(50, run.ResolvedWarmupSteps);
        Assert.Equal(1.0 - 1.0 / 50, run.ResolvedEmaDecay, 12);
        var tiny = new TrainingSettings { Steps = 10 };
        Assert.Equal(1, tiny.ResolvedWarmupSteps);
        Assert.Equal(0.0, tiny.ResolvedEmaDecay, 12); // window of one step: the EMA is the live model
        var explicitSettings = new TrainingSettings { Steps = 2000, WarmupSteps = 7, EmaDecay = 0.5 };
        Assert.Equal(7, explicitSettings.ResolvedWarmupSteps);
        Assert.Equal(0.5, explicitSettings.ResolvedEmaDecay);
    }

    [Fact]
    public void EmaFollowsTheRecurrenceOnTrainableParametersAndCopiesFrozenOnes()
    {
        var generator = new Generator(42);
        using var live = nn.Linear(3, 2);
        using var shadow = nn.Linear(3, 2);
        live.bias!.requires_grad = false; // frozen: copied, not averaged
        const double decay = 0.8;
        var ema = new ExponentialMovingAverage(live, shadow, decay);

        double[] expected = ToDoubles(live.weight!);
        for (int update = 0; update < 4; update++)
        {
            using (no_grad())
            {
                live.weight!.copy_(randn(live.weight.shape, generator: generator));
                live.bias.copy_(randn(live.bias.shape, generator: generator));
            }
            ema.Update();
            double[] current = ToDoubles(live.weight!);
            for (int i = 0; i < expected.Length; i++)
                expected[i] = decay * expected[i] + (1 - decay) * current[i];
        }

        // The shadow is float32; four float32 updates of values near 1 drift a few ulps (~1e-7) from the double recurrence.
        // An absolute bound, not rounding to decimal places: rounding fails whenever the two straddle a rounding edge.
        double[] actual = ToDoubles(shadow.weight!);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], tolerance: 1e-6);
        Assert.True(shadow.bias!.equal(live.bias).all().item<bool>());
    }

    [Fact]
    public void BatchOrderVisitsEveryExampleOncePerEpochAndDependsOnlyOnSeedAndStep()
    {
        const int size = 10, batch = 4;
        var stream = Enumerable.Range(0, 10).SelectMany(step => BatchOrder.Indices(size, batch, 77, step)).ToArray(); // 4 epochs
        for (int epoch = 0; epoch < 4; epoch++)
            Assert.Equal(Enumerable.Range(0, size), stream.Skip(epoch * size).Take(size).Order());
        Assert.Equal(BatchOrder.Indices(size, batch, 77, 7), BatchOrder.Indices(size, batch, 77, 7));
        Assert.NotEqual(BatchOrder.Permutation(size, 77, 0), BatchOrder.Permutation(size, 77, 1));
        Assert.NotEqual(BatchOrder.Permutation(size, 77, 0), BatchOrder.Permutation(size, 78, 0));
    }

    private static double[] ToDoubles(Tensor t) => t.detach().to(float64).contiguous().data<double>().ToArray();
}

using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Runtime.Tests.Diffusion.Schedules;

public sealed class SamplingTimestepsTests
{
    [Fact]
    public void Two_hundred_fifty_steps_run_997_993_down_to_4_0()
    {
        int[] timesteps = SamplingTimesteps.Resample(1000, 250);

        Assert.Equal(251, timesteps.Length);
        Assert.Equal(new[] { 997, 993, 989 }, timesteps[..3]);
        Assert.Equal(new[] { 8, 4, 0 }, timesteps[^3..]);
        Assert.Equal(ReferenceMath.ExactResampledTimesteps(1000, 250), timesteps);
    }

    [Fact]
    public void Three_steps_round_500_point_5_to_even()
    {
        // ratio = 1001/4 = 250.25: i = 2 gives exactly 500.5 -> 500; i = 3 gives 750.75 -> 751.
        Assert.Equal(new[] { 751, 500, 250, 0 }, SamplingTimesteps.Resample(1000, 3));
    }

    [Fact]
    public void One_step_goes_from_500_to_0()
    {
        // ratio = 500.5: round(500.5) = 500 (half to even).
        Assert.Equal(new[] { 500, 0 }, SamplingTimesteps.Resample(1000, 1));
        Assert.Equal(new[] { new DenoisingStep(500, 0) }, SamplingTimesteps.Pairs(1000, 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(999)]
    [InlineData(1000)]
    public void Resampling_matches_exact_rational_rounding(int steps)
    {
        Assert.Equal(ReferenceMath.ExactResampledTimesteps(1000, steps), SamplingTimesteps.Resample(1000, steps));
    }

    [Fact]
    public void Pairs_chain_consecutive_indices_and_feed_the_model_t_minus_one()
    {
        int[] timesteps = ReferenceMath.ExactResampledTimesteps(1000, 50);

        DenoisingStep[] pairs = SamplingTimesteps.Pairs(1000, 50);

        Assert.Equal(50, pairs.Length);
        for (int i = 0; i < pairs.Length; i++)
        {
            Assert.Equal(timesteps[i], pairs[i].T);
            Assert.Equal(timesteps[i + 1], pairs[i].S);
            Assert.Equal(timesteps[i] - 1, pairs[i].ModelTime);
            Assert.True(pairs[i].T > pairs[i].S);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Step_counts_outside_1_to_T_are_rejected(int steps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SamplingTimesteps.Resample(1000, steps));
        Assert.Equal("steps", error.ParamName);
    }
}

using Kaleido.Runtime.Diffusion.Guidance;

namespace Kaleido.Runtime.Tests.Diffusion.Guidance;

public sealed class ClassifierFreeGuidanceTests
{
    const int Rows = 3;
    const int PerRow = 50;

    /// <summary>[uncond; cond] with magnitudes spread over many binades, so rounding would show.</summary>
    static float[] PairedOutput(int seed)
    {
        var random = new Random(seed);
        var paired = new float[2 * Rows * PerRow];
        for (int i = 0; i < paired.Length; i++)
            paired[i] = (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-4, 4)));
        return paired;
    }

    [Fact]
    public void Scale_one_gives_the_conditional_half_exactly()
    {
        float[] paired = PairedOutput(21);
        var guided = new float[Rows * PerRow];

        ClassifierFreeGuidance.Apply(paired, 1.0f, guided);

        Assert.Equal(paired[(Rows * PerRow)..], guided);
    }

    [Fact]
    public void Scale_zero_gives_the_unconditional_half_exactly()
    {
        float[] paired = PairedOutput(22);
        var guided = new float[Rows * PerRow];

        ClassifierFreeGuidance.Apply(paired, 0.0f, guided);

        Assert.Equal(paired[..(Rows * PerRow)], guided);
    }

    [Theory]
    [InlineData(7.5f)]
    [InlineData(3.0f)]
    [InlineData(-0.5f)]
    public void Other_scales_give_u_plus_w_times_c_minus_u(float scale)
    {
        float[] paired = PairedOutput(23);
        var guided = new float[Rows * PerRow];

        ClassifierFreeGuidance.Apply(paired, scale, guided);

        for (int i = 0; i < guided.Length; i++)
        {
            double u = paired[i];
            double c = paired[Rows * PerRow + i];
            double expected = u + scale * (c - u);
            Assert.Equal(expected, guided[i], 1e-6 * Math.Max(Math.Abs(u), Math.Abs(c)) * Math.Max(1, Math.Abs(scale)) + 1e-30);
        }
    }

    [Fact]
    public void A_model_output_that_is_not_twice_the_guided_rows_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassifierFreeGuidance.Apply(new float[10], 2f, new float[4]));
        Assert.Equal("paired", error.ParamName);
        Assert.Contains("[uncond; cond]", error.Message);
    }
}

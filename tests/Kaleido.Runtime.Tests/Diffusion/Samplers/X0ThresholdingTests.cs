using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Runtime.Tests.Diffusion.Samplers;

public sealed class X0ThresholdingTests
{
    // |values| sorted: 0.1 0.2 0.5 0.7 1.1 1.2 2 2.5 3 4 (n = 10).
    static readonly float[] KnownSample = [0.5f, -3f, 2f, -1.2f, 0.1f, 4f, -0.7f, 2.5f, 1.1f, -0.2f];

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.5)]    // h = 1.5: 2 + 0.5·(3 − 2)
    [InlineData(1.0, 4.0)]
    [InlineData(0.9, 3.7)]    // h = 2.7: 3 + 0.7·(4 − 3)
    public void Linear_quantile_interpolates_between_order_statistics(double p, double expected)
    {
        float[] values = [3f, 1f, 4f, 2f];

        Assert.Equal(expected, LinearQuantile.OfScratch(values, p), 1e-6);
    }

    [Fact]
    public void Clip_clamps_to_minus_one_one_and_none_leaves_values_alone()
    {
        float[] values = [-2f, -1f, -0.5f, 0f, 0.5f, 1f, 3f];
        float[] untouched = (float[])values.Clone();

        X0Thresholding.None.Apply(untouched, values.Length, Span<float>.Empty);
        X0Thresholding.Clip.Apply(values, values.Length, Span<float>.Empty);

        Assert.Equal(new[] { -1f, -1f, -0.5f, 0f, 0.5f, 1f, 1f }, values);
        Assert.Equal(new[] { -2f, -1f, -0.5f, 0f, 0.5f, 1f, 3f }, untouched);
    }

    [Fact]
    public void Deep_floyd_dynamic_threshold_caps_s_at_one_and_a_half()
    {
        // quantile(|x|, 0.95): h = 8.55 -> 3 + 0.55·(4 − 3) = 3.55; s = clamp(3.55, 1, 1.5) = 1.5.
        float[] values = (float[])KnownSample.Clone();

        X0Thresholding.DynamicDeepFloyd.Apply(values, values.Length, new float[values.Length]);

        for (int i = 0; i < values.Length; i++)
            Assert.Equal(Math.Clamp(KnownSample[i], -1.5, 1.5) / 1.5, values[i], 1e-6);
    }

    [Fact]
    public void Imagen_dynamic_threshold_divides_by_the_interpolated_quantile()
    {
        // quantile(|x|, 0.995): h = 8.955 -> 3 + 0.955·(4 − 3) = 3.955; s = 3.955 (within [1, 100]).
        float[] values = (float[])KnownSample.Clone();

        X0Thresholding.DynamicImagen.Apply(values, values.Length, new float[values.Length]);

        const double s = 3.955;
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(Math.Clamp(KnownSample[i], -s, s) / s, values[i], 1e-6);
        Assert.Equal(1.0, values[5], 1e-6);   // 4 is above s, so it is clamped to s and lands on 1.
    }

    [Fact]
    public void Dynamic_threshold_works_per_sample_and_never_divides_by_less_than_one()
    {
        // Sample 0 is the known vector; sample 1 has quantile below 1, so s = 1 and it only clamps.
        float[] quiet = [0.3f, -0.9f, 0.2f, 0.1f, -0.4f, 0.6f, 0.05f, -0.2f, 0.8f, 0.7f];
        float[] batch = [.. KnownSample, .. quiet];

        X0Thresholding.DynamicDeepFloyd.Apply(batch, KnownSample.Length, new float[KnownSample.Length]);

        for (int i = 0; i < KnownSample.Length; i++)
        {
            Assert.Equal(Math.Clamp(KnownSample[i], -1.5, 1.5) / 1.5, batch[i], 1e-6);
            Assert.Equal(quiet[i], batch[KnownSample.Length + i]);
        }
    }

    [Fact]
    public void Dynamic_threshold_rejects_partial_samples_and_short_scratch()
    {
        Assert.Throws<ArgumentException>(() => X0Thresholding.DynamicDeepFloyd.Apply(new float[7], 3, new float[3]));
        var error = Assert.Throws<ArgumentException>(() => X0Thresholding.DynamicDeepFloyd.Apply(new float[6], 3, new float[2]));
        Assert.Equal("scratch", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => X0Thresholding.DynamicWith(1.5, 2));
    }
}

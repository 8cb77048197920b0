using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Runtime.Tests.Diffusion.Schedules;

public sealed class NoiseScheduleTests
{
    const int T = 1000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(500)]
    [InlineData(999)]
    [InlineData(1000)]
    public void Squared_cosine_table_matches_the_product_of_one_minus_beta(int index)
    {
        double expected = ReferenceMath.SquaredCosineGammas(T)[index];

        double actual = NoiseSchedule.CreateBase(new NoiseScheduleSettings()).Gamma(index);

        Assert.Equal(expected, actual, expected * 1e-12);
    }

    [Fact]
    public void Squared_cosine_table_starts_at_one_and_ends_near_2_4e_minus_9_after_the_beta_clip()
    {
        var schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings());

        Assert.Equal(1.0, schedule.Gamma(0));
        Assert.Equal(T, schedule.TrainingSteps);
        // β_T is clipped to 0.999, so the last step keeps a thousandth of γ[T − 1].
        Assert.Equal(schedule.Gamma(T - 1) * 0.001, schedule.Gamma(T), schedule.Gamma(T) * 1e-9);
        Assert.InRange(schedule.Gamma(T), 2.3e-9, 2.5e-9);
        for (int k = 1; k <= T; k++)
            Assert.True(schedule.Gamma(k) < schedule.Gamma(k - 1), $"γ must fall at k = {k}");
    }

    [Theory]
    [InlineData(4.0, 1.0)]
    [InlineData(4.0, 2.0)]
    [InlineData(16.0, 2.0)]
    [InlineData(2.5, 1.0)]
    public void Shifted_table_divides_the_snr_by_scale_to_the_power(double scale, double power)
    {
        double[] expected = ReferenceMath.ShiftedSquaredCosineGammas(T, scale, power);

        var shifted = NoiseSchedule.CreateForScale(new NoiseScheduleSettings { ShiftPower = power }, scale);

        Assert.Equal(scale, shifted.Scale);
        foreach (int k in new[] { 0, 1, 250, 500, 999, 1000 })
            Assert.Equal(expected[k], shifted.Gamma(k), expected[k] * 1e-12);
    }

    [Fact]
    public void Shift_by_4_lowers_log_snr_by_ln_4_and_leaves_the_base_unshifted()
    {
        var settings = new NoiseScheduleSettings();
        var baseSchedule = NoiseSchedule.CreateBase(settings);
        var unshifted = NoiseSchedule.CreateForScale(settings, 1.0);
        var shifted = NoiseSchedule.CreateForScale(settings, 4.0);

        Assert.Equal(1.0, shifted.Gamma(0));
        for (int k = 0; k <= T; k++)
            Assert.Equal(baseSchedule.Gamma(k), unshifted.Gamma(k));
        foreach (int k in new[] { 1, 100, 500, 900, 1000 })
        {
            double logSnrDrop = ReferenceMath.Logit(baseSchedule.Gamma(k)) - ReferenceMath.Logit(shifted.Gamma(k));
            Assert.Equal(Math.Log(4.0), logSnrDrop, 1e-9);
        }
    }

    [Fact]
    public void Log_snr_cosine_table_runs_from_lambda_max_to_lambda_min()
    {
        var schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings { Kind = NoiseScheduleKind.LogSnrCosine });

        Assert.Equal(1.0, schedule.Gamma(0));
        Assert.Equal(ReferenceMath.Sigmoid(5.0), schedule.Gamma(1), 1e-12);
        Assert.Equal(ReferenceMath.Sigmoid(-5.0), schedule.Gamma(T), 1e-12);
        Assert.Equal(5.0, ReferenceMath.Logit(schedule.Gamma(1)), 1e-9);
        Assert.Equal(-5.0, ReferenceMath.Logit(schedule.Gamma(T)), 1e-9);
    }

    [Fact]
    public void Log_snr_cosine_middle_entry_matches_the_formula_on_numpy_linspace()
    {
        // u = linspace(0, 1, T)[k − 1] = (k − 1)/(T − 1); logSNR = −2 ln tan(a u + b).
        var schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings { Kind = NoiseScheduleKind.LogSnrCosine, LogSnrMin = -6, LogSnrMax = 4 });
        int k = 600;
        double u = (k - 1) / 999.0;
        double b = Math.Atan(Math.Exp(-4.0 / 2));
        double a = Math.Atan(Math.Exp(6.0 / 2)) - b;
        double expected = ReferenceMath.Sigmoid(-2 * Math.Log(Math.Tan(a * u + b)));

        Assert.Equal(expected, schedule.Gamma(k), 1e-12);
        Assert.Equal(4.0, ReferenceMath.Logit(schedule.Gamma(1)), 1e-9);
        Assert.Equal(-6.0, ReferenceMath.Logit(schedule.Gamma(T)), 1e-9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(499)]
    [InlineData(999)]
    public void Training_level_k_uses_gamma_at_k_plus_one_and_model_time_k(int k)
    {
        double[] expected = ReferenceMath.ShiftedSquaredCosineGammas(T, 4.0, 1.0);
        var schedule = NoiseSchedule.CreateForScale(new NoiseScheduleSettings(), 4.0);

        var level = schedule.TrainingLevel(k);

        Assert.Equal(k, level.ModelTime);
        Assert.Equal(expected[k + 1], level.Gamma, expected[k + 1] * 1e-12);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Training_level_outside_0_to_T_minus_1_is_rejected(int k)
    {
        var schedule = NoiseSchedule.CreateBase(new NoiseScheduleSettings());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.TrainingLevel(k));
        Assert.Equal("k", error.ParamName);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Scale_below_one_is_rejected(double scale)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseSchedule.CreateForScale(new NoiseScheduleSettings(), scale));
        Assert.Equal("scale", error.ParamName);
    }

    [Fact]
    public void Bad_settings_name_the_field()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => NoiseSchedule.CreateBase(new NoiseScheduleSettings { ShiftPower = -1 }));
        Assert.Equal("ShiftPower", error.ParamName);
    }
}

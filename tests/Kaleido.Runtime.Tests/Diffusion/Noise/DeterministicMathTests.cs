using Kaleido.Runtime.Diffusion.Noise;

namespace Kaleido.Runtime.Tests.Diffusion.Noise;

public class DeterministicMathTests
{
    /// <summary>|actual − expected| in units of the last place of <paramref name="expected"/>.</summary>
    private static double UlpDistance(double actual, double expected)
    {
        if (actual == expected) return 0;
        double magnitude = Math.Abs(expected);
        return Math.Abs(actual - expected) / (Math.BitIncrement(magnitude) - magnitude);
    }

    [Fact]
    public void Log_AgreesWithMathLog_WithinOneUlpOverRandomArguments()
    {
        var random = new Random(20240611);
        double worstUlp = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Half the draws span every binade from subnormal to huge, half sit near 1 where ln x is small.
            double x = i % 2 == 0
                ? Math.ScaleB(1 + random.NextDouble(), random.Next(-1074, 1024))
                : 1 + (random.NextDouble() - 0.5) * Math.ScaleB(1, -random.Next(0, 40));
            if (x == 0 || double.IsInfinity(x)) continue;

            worstUlp = Math.Max(worstUlp, UlpDistance(DeterministicMath.Log(x), Math.Log(x)));
        }

        // Math.Log is itself within an ulp of the true value; we ask to be within one ulp of it.
        Assert.True(worstUlp <= 1, $"worst error {worstUlp} ulp");
    }

    [Fact]
    public void Log_OnTheBoxMullerGrid_AgreesWithMathLog()
    {
        // The noise only ever takes ln of (w + 1)/2³², w a 32-bit word: check many of those, and the ends.
        var random = new Random(7);
        double worstUlp = 0;
        for (int i = 0; i < 100_000; i++)
        {
            uint w = i < 2 ? (i == 0 ? 0u : uint.MaxValue) : (uint)random.NextInt64(0, 1L << 32);
            double u = (w + 1.0) / 4294967296.0;
            worstUlp = Math.Max(worstUlp, UlpDistance(DeterministicMath.Log(u), Math.Log(u)));
        }

        Assert.True(worstUlp <= 1, $"worst error {worstUlp} ulp");
    }

    [Fact]
    public void Log_SpecialValues_MatchMathLog()
    {
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1.0)));
        Assert.True(double.IsNaN(DeterministicMath.Log(double.NaN)));
        Assert.Equal(Math.Log(double.Epsilon), DeterministicMath.Log(double.Epsilon), 12);
    }

    [Fact]
    public void SinCosTurns_AgreesWithMathSinCos_OverRandomPhases()
    {
        var random = new Random(99);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double turns = i % 2 == 0 ? random.NextDouble() : (random.NextDouble() - 0.5) * 2000;
            (double sin, double cos) = DeterministicMath.SinCosTurns(turns);
            double angle = 2 * Math.PI * turns;
            worst = Math.Max(worst, Math.Max(Math.Abs(sin - Math.Sin(angle)), Math.Abs(cos - Math.Cos(angle))));
        }

        // The reference itself is off by |angle|·2⁻⁵³ from rounding 2π·t (≤ 7e-13 for |t| ≤ 1000),
        // plus an ulp or two of sin/cos; ours is exact in the reduction.
        Assert.True(worst <= 1e-12, $"worst absolute error {worst}");
    }

    [Fact]
    public void SinCosTurns_OnUnitPhases_AgreesWithMathSinCosToAFewUlp()
    {
        var random = new Random(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double turns = random.NextDouble();
            (double sin, double cos) = DeterministicMath.SinCosTurns(turns);
            double angle = 2 * Math.PI * turns;
            worst = Math.Max(worst, Math.Max(Math.Abs(sin - Math.Sin(angle)), Math.Abs(cos - Math.Cos(angle))));
        }

        // 2π·t rounds by up to 2π·2⁻⁵³ ≈ 7e-16 in the reference's argument.
        Assert.True(worst <= 2e-15, $"worst absolute error {worst}");
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(0.25, 1.0, 0.0)]
    [InlineData(0.5, 0.0, -1.0)]
    [InlineData(0.75, -1.0, 0.0)]
    [InlineData(-0.25, -1.0, 0.0)]
    [InlineData(3.5, 0.0, -1.0)]
    public void SinCosTurns_QuarterTurns_AreExact(double turns, double expectedSin, double expectedCos)
    {
        (double sin, double cos) = DeterministicMath.SinCosTurns(turns);

        Assert.Equal(expectedSin, sin + 0.0); // + 0.0 folds −0 into 0
        Assert.Equal(expectedCos, cos + 0.0);
    }

    [Fact]
    public void SinCosTurns_EighthTurn_IsHalfRootTwo()
    {
        (double sin, double cos) = DeterministicMath.SinCosTurns(0.125);
        double halfRootTwo = Math.Sqrt(0.5);

        Assert.True(Math.Abs(sin - halfRootTwo) <= 2.3e-16);
        Assert.True(Math.Abs(cos - halfRootTwo) <= 2.3e-16);
    }

    [Fact]
    public void SinCosTurns_NonFinitePhase_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.SinCosTurns(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.SinCosTurns(double.PositiveInfinity));
    }
}

using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Tests.Dataset;

public sealed class EllipseFitTests
{
    const int Side = 256;

    // Tolerances for ellipses with semi-minor >= 15 px on a 256x256 mask: the staircase edge moves
    // the centroid by a few hundredths of a pixel and the radii by a few tenths.
    const double CenterTolerancePx = 0.1, RadiusTolerancePx = 0.4, AngleToleranceDegrees = 0.5;

    [Theory]
    [InlineData(128.0, 128.0, 90.0, 45.0, 0.0)]
    [InlineData(120.3, 131.7, 80.0, 40.0, 0.4)]
    [InlineData(131.1, 125.2, 70.0, 30.0, 179.6)]
    [InlineData(100.0, 140.0, 60.0, 40.0, 90.0)]
    [InlineData(140.5, 110.5, 75.0, 20.0, 135.0)]
    public void Fit_OfRenderedEllipse_RecoversItsParameters(double cx, double cy, double a, double b, double theta)
    {
        bool[] mask = RasterizeEllipse(cx, cy, a, b, theta);

        FittedEllipse fit = EllipseFit.Fit(mask, Side, Side)!.Value;

        AssertMatches(fit, cx, cy, a, b, theta);
    }

    [Fact]
    public void Fit_OfRandomEllipses_RecoversTheirParameters()
    {
        var random = new Random(20240611);
        for (int trial = 0; trial < 40; trial++)
        {
            double a = 30 + random.NextDouble() * 70;
            double b = Math.Max(15, a * (0.3 + random.NextDouble() * 0.4));
            // Angles from the whole circle, so some land near 0, 180 and 360 and must wrap.
            double rotation = random.NextDouble() * 360;
            double cx = a + 2 + random.NextDouble() * (Side - 2 * a - 4);
            double cy = a + 2 + random.NextDouble() * (Side - 2 * a - 4);
            bool[] mask = RasterizeEllipse(cx, cy, a, b, rotation);

            FittedEllipse fit = EllipseFit.Fit(mask, Side, Side)!.Value;

            AssertMatches(fit, cx, cy, a, b, rotation % 180);
        }
    }

    [Theory]
    [InlineData(128.0, 128.0, 60.0)]
    [InlineData(90.4, 150.8, 25.0)]
    public void Fit_OfCircle_GivesEqualRadii(double cx, double cy, double radius)
    {
        bool[] mask = RasterizeEllipse(cx, cy, radius, radius, 0);

        FittedEllipse fit = EllipseFit.Fit(mask, Side, Side)!.Value;

        // The angle of a circle is meaningless; only its range is checked.
        Assert.InRange(fit.CenterX, cx - CenterTolerancePx, cx + CenterTolerancePx);
        Assert.InRange(fit.CenterY, cy - CenterTolerancePx, cy + CenterTolerancePx);
        Assert.InRange(fit.RadiusMajor, radius - RadiusTolerancePx, radius + RadiusTolerancePx);
        Assert.InRange(fit.RadiusMinor, radius - RadiusTolerancePx, radius + RadiusTolerancePx);
        Assert.InRange(fit.ThetaDegrees, 0.0, 179.999999);
    }

    [Fact]
    public void Fit_OfSinglePixel_IsTheUnitSquaresEllipse()
    {
        var mask = new bool[4 * 3];
        mask[1 * 4 + 2] = true; // x = 2, y = 1

        FittedEllipse fit = EllipseFit.Fit(mask, 4, 3)!.Value;

        // A unit square has variance 1/12 on each axis: radius 2 sqrt(1/12).
        Assert.Equal(2.5, fit.CenterX, 12);
        Assert.Equal(1.5, fit.CenterY, 12);
        Assert.Equal(2 * Math.Sqrt(1.0 / 12), fit.RadiusMajor, 12);
        Assert.Equal(2 * Math.Sqrt(1.0 / 12), fit.RadiusMinor, 12);
    }

    [Fact]
    public void Fit_OfEmptyMask_IsNull()
    {
        Assert.Null(EllipseFit.Fit(new bool[16], 4, 4));
    }

    [Fact]
    public void Fit_WithWrongMaskLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => EllipseFit.Fit(new bool[15], 4, 4));
    }

    [Theory]
    [InlineData(179.6, 0)]
    [InlineData(179.4, 179)]
    [InlineData(0.4, 0)]
    [InlineData(89.5, 90)]
    public void ToBlob_RoundsThetaIntoItsRange(double theta, int expected)
    {
        var ellipse = new FittedEllipse(64, 64, 20, 10, theta);

        Assert.Equal(expected, EllipseFit.ToBlob(ellipse, 128).ThetaDegrees);
    }

    [Fact]
    public void ToBlob_ScalesToThousandths()
    {
        var ellipse = new FittedEllipse(32, 96, 40, 8, 30);

        var blob = EllipseFit.ToBlob(ellipse, 128);

        Assert.Equal((250, 750, 313, 63, 30), (blob.CenterX, blob.CenterY, blob.RadiusMajor, blob.RadiusMinor, blob.ThetaDegrees));
    }

    static void AssertMatches(FittedEllipse fit, double cx, double cy, double a, double b, double theta)
    {
        Assert.InRange(fit.CenterX, cx - CenterTolerancePx, cx + CenterTolerancePx);
        Assert.InRange(fit.CenterY, cy - CenterTolerancePx, cy + CenterTolerancePx);
        Assert.InRange(fit.RadiusMajor, a - RadiusTolerancePx, a + RadiusTolerancePx);
        Assert.InRange(fit.RadiusMinor, b - RadiusTolerancePx, b + RadiusTolerancePx);
        Assert.InRange(fit.ThetaDegrees, 0.0, 179.999999);
        // Lines at 0.2 and 179.9 degrees are 0.3 degrees apart.
        double difference = Math.Abs(fit.ThetaDegrees - theta) % 180;
        Assert.True(Math.Min(difference, 180 - difference) <= AngleToleranceDegrees,
            $"theta {fit.ThetaDegrees:F3} vs expected {theta:F3}");
    }

    /// <summary>The test's own rasterizer: a pixel is set when its centre is inside the ellipse.</summary>
    static bool[] RasterizeEllipse(double cx, double cy, double a, double b, double thetaDegrees)
    {
        double angle = thetaDegrees * Math.PI / 180;
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        var mask = new bool[Side * Side];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double along = dx * cos + dy * sin, across = -dx * sin + dy * cos;
                mask[y * Side + x] = along * along / (a * a) + across * across / (b * b) <= 1;
            }
        }
        return mask;
    }
}

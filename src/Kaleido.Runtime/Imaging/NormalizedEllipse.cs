namespace Kaleido.Runtime.Imaging;

/// <summary>
/// A rotated ellipse in the normalised 0..1000 coordinates of <see cref="NormalizedBox"/>: centre
/// (<see cref="CenterX"/>, <see cref="CenterY"/>), semi-axes <see cref="RadiusMajor"/> along the
/// direction <see cref="ThetaDegrees"/> (from +x toward +y, y pointing down) and
/// <see cref="RadiusMinor"/> across it. On a non-square image the ellipse is stretched with the
/// coordinates, like everything else in normalised units.
/// </summary>
public readonly record struct NormalizedEllipse
{
    public NormalizedEllipse(double centerX, double centerY, double radiusMajor, double radiusMinor, double thetaDegrees)
    {
        NormalizedRange.Check(centerX, nameof(centerX));
        NormalizedRange.Check(centerY, nameof(centerY));
        NormalizedRange.Check(radiusMajor, nameof(radiusMajor));
        NormalizedRange.Check(radiusMinor, nameof(radiusMinor));
        if (radiusMajor == 0 || radiusMinor == 0)
        {
            throw new ArgumentOutOfRangeException(
                radiusMajor == 0 ? nameof(radiusMajor) : nameof(radiusMinor), 0.0, "Expected a radius above 0.");
        }

        if (!(thetaDegrees >= 0 && thetaDegrees < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(thetaDegrees), thetaDegrees, "Expected an angle in [0, 180) degrees.");
        }

        (CenterX, CenterY, RadiusMajor, RadiusMinor, ThetaDegrees) = (centerX, centerY, radiusMajor, radiusMinor, thetaDegrees);
    }

    public double CenterX { get; }
    public double CenterY { get; }
    public double RadiusMajor { get; }
    public double RadiusMinor { get; }
    public double ThetaDegrees { get; }
}

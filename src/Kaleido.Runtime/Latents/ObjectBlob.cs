namespace Kaleido.Runtime.Latents;

/// <summary>
/// An object blob "(xc, yc, r_major, r_minor, theta)" (Appendix A, "Object Blobs"): a tilted ellipse
/// with centre (x_c, y_c), semi-axes r_major &gt;= r_minor, all integers in [0, 1000], and orientation
/// theta in whole degrees in [0, 180), measured from +x toward +y with y pointing down.
/// </summary>
public readonly record struct ObjectBlob
{
    public ObjectBlob(int centerX, int centerY, int radiusMajor, int radiusMinor, int thetaDegrees)
    {
        if (FindProblem(centerX, centerY, radiusMajor, radiusMinor, thetaDegrees) is { } problem)
            throw new ArgumentException(
                $"Invalid blob ({centerX}, {centerY}, {radiusMajor}, {radiusMinor}, {thetaDegrees}): {problem}.");
        CenterX = centerX;
        CenterY = centerY;
        RadiusMajor = radiusMajor;
        RadiusMinor = radiusMinor;
        ThetaDegrees = thetaDegrees;
    }

    /// <summary>x_c.</summary>
    public int CenterX { get; }

    /// <summary>y_c.</summary>
    public int CenterY { get; }

    /// <summary>r_major, the semi-major axis.</summary>
    public int RadiusMajor { get; }

    /// <summary>r_minor, the semi-minor axis.</summary>
    public int RadiusMinor { get; }

    /// <summary>theta in degrees, [0, 180).</summary>
    public int ThetaDegrees { get; }

    /// <summary>
    /// The smallest box with whole coordinates that holds the ellipse, clipped to the image: half-widths
    /// √((a cos θ)² + (b sin θ)²) across and √((a sin θ)² + (b cos θ)²) down, rounded outward.
    /// </summary>
    public BoundingBox BoundingBox()
    {
        double theta = ThetaDegrees * Math.PI / 180;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double halfWidth = Math.Sqrt(Square(RadiusMajor * cos) + Square(RadiusMinor * sin));
        double halfHeight = Math.Sqrt(Square(RadiusMajor * sin) + Square(RadiusMinor * cos));
        const int max = LatentRanges.CoordinateMax;
        int Clip(double value) => (int)Math.Clamp(value, 0, max);
        return new BoundingBox(
            Clip(Math.Floor(CenterX - halfWidth)), Clip(Math.Floor(CenterY - halfHeight)),
            Clip(Math.Ceiling(CenterX + halfWidth)), Clip(Math.Ceiling(CenterY + halfHeight)));
    }

    static double Square(double x) => x * x;

    /// <summary>Null when the values make a valid blob, else what is wrong with them.</summary>
    public static string? FindProblem(int centerX, int centerY, int radiusMajor, int radiusMinor, int thetaDegrees)
    {
        const int max = LatentRanges.CoordinateMax;
        if (centerX is < 0 or > max) return $"expected xc in [0, {max}] but found {centerX}";
        if (centerY is < 0 or > max) return $"expected yc in [0, {max}] but found {centerY}";
        if (radiusMajor is < 0 or > max) return $"expected r_major in [0, {max}] but found {radiusMajor}";
        if (radiusMinor is < 0 or > max) return $"expected r_minor in [0, {max}] but found {radiusMinor}";
        if (thetaDegrees is < 0 or >= LatentRanges.ThetaLimit)
            return $"expected theta in [0, {LatentRanges.ThetaLimit}) but found {thetaDegrees}";
        if (radiusMinor > radiusMajor) return $"expected r_minor <= r_major ({radiusMajor}) but found {radiusMinor}";
        return null;
    }
}

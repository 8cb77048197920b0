using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Dataset;

/// <summary>An ellipse in mask pixels: centre, semi-axes and orientation in degrees, [0, 180), from +x toward +y (y down).</summary>
public readonly record struct FittedEllipse(double CenterX, double CenterY, double RadiusMajor, double RadiusMinor, double ThetaDegrees);

/// <summary>
/// Fits an ellipse to a binary mask by its second moments (the object blob of Appendix A, which
/// fits ellipses to SAM masks; here the masks are exact).
/// </summary>
public static class EllipseFit
{
    /// <summary>
    /// The ellipse with the mask's centroid and covariance. Each set pixel is the unit square
    /// [x, x + 1) x [y, y + 1), so the centroid uses pixel centres and each variance gains the
    /// square's own 1/12. A uniform ellipse with semi-axis a has variance a^2/4 along it, so the
    /// radii are 2 sqrt(lambda) of the covariance's eigenvalues lambda_1 >= lambda_2, and theta is
    /// the direction of the first eigenvector: 1/2 atan2(2 c_xy, c_xx - c_yy). Null for an empty mask.
    /// </summary>
    public static FittedEllipse? Fit(ReadOnlySpan<bool> mask, int width, int height)
    {
        MaskGeometry.CheckShape(mask, width, height);

        // 1. Centroid.
        long count = 0;
        double sumX = 0, sumY = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (!mask[y * width + x]) continue;
                count++;
                sumX += x + 0.5;
                sumY += y + 0.5;
            }
        }
        if (count == 0)
            return null;
        double cx = sumX / count, cy = sumY / count;

        // 2. Central second moments (a second pass keeps them accurate far from the origin).
        double sxx = 0, syy = 0, sxy = 0;
        for (int y = 0; y < height; y++)
        {
            double dy = y + 0.5 - cy;
            for (int x = 0; x < width; x++)
            {
                if (!mask[y * width + x]) continue;
                double dx = x + 0.5 - cx;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        double cxx = sxx / count + 1.0 / 12, cyy = syy / count + 1.0 / 12, cxy = sxy / count;

        // 3. Eigen-decomposition of [[c_xx, c_xy], [c_xy, c_yy]].
        double halfTrace = (cxx + cyy) / 2;
        double spread = Math.Sqrt((cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy);
        double lambdaMajor = halfTrace + spread;
        double lambdaMinor = Math.Max(halfTrace - spread, 0);
        double theta = 0.5 * Math.Atan2(2 * cxy, cxx - cyy) * 180 / Math.PI;
        return new FittedEllipse(cx, cy, 2 * Math.Sqrt(lambdaMajor), 2 * Math.Sqrt(lambdaMinor), WrapDegrees(theta));
    }

    /// <summary>The blob of an ellipse fitted on a square mask of <paramref name="side"/> pixels, in [0, 1000] integers.</summary>
    public static ObjectBlob ToBlob(FittedEllipse ellipse, int side)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        double scale = (double)LatentRanges.CoordinateMax / side;
        int theta = (int)Math.Round(ellipse.ThetaDegrees, MidpointRounding.AwayFromZero) % LatentRanges.ThetaLimit;
        return new ObjectBlob(
            ToCoordinate(ellipse.CenterX * scale),
            ToCoordinate(ellipse.CenterY * scale),
            ToCoordinate(ellipse.RadiusMajor * scale),
            ToCoordinate(ellipse.RadiusMinor * scale),
            theta);
    }

    /// <summary>An angle in degrees as the same line's angle in [0, 180).</summary>
    public static double WrapDegrees(double degrees)
    {
        double wrapped = degrees % 180;
        if (wrapped < 0) wrapped += 180;
        return wrapped >= 180 ? 0 : wrapped;
    }

    static int ToCoordinate(double value) =>
        Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), 0, LatentRanges.CoordinateMax);
}

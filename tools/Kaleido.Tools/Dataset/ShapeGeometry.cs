namespace Kaleido.Tools.Dataset;

/// <summary>
/// Point-in-shape tests. Each shape is defined in its own frame: centred at the origin, scaled by
/// its circumradius (so it lies in the unit disc) and turned by the object's rotation.
/// </summary>
public static class ShapeGeometry
{
    /// <summary>Square half-side: the corners touch the unit circle.</summary>
    const double SquareHalfSide = 0.70710678118654752;

    /// <summary>Cross: arms 0.92 long and 0.3 wide (half-widths), corners inside the unit circle (|(0.92, 0.3)| = 0.97).</summary>
    const double CrossArm = 0.92, CrossHalfWidth = 0.3;

    /// <summary>Five-pointed star: outer points on the unit circle, inner corners at 0.45.</summary>
    const double StarInnerRadius = 0.45;

    /// <summary>The star's 10 corners, point up (y down), built once.</summary>
    static readonly (double X, double Y)[] StarCorners = BuildStarCorners();

    /// <summary>Whether the point (u, v) of the image (normalised, y down) is inside the object.</summary>
    public static bool Contains(SceneObject shape, double u, double v) => new ShapeFrame(shape).Contains(u, v);

    /// <summary>The test in the shape's frame (unit circumradius, unrotated).</summary>
    public static bool ContainsInFrame(ShapeKind shape, double aspect, double x, double y) => shape switch
    {
        ShapeKind.Circle => x * x + y * y <= 1,
        ShapeKind.Ellipse => x * x + y * y / (aspect * aspect) <= 1,
        ShapeKind.Square => Math.Abs(x) <= SquareHalfSide && Math.Abs(y) <= SquareHalfSide,
        ShapeKind.Triangle => InTriangle(x, y),
        ShapeKind.Star => InPolygon(StarCorners, x, y),
        ShapeKind.Cross => (Math.Abs(x) <= CrossHalfWidth && Math.Abs(y) <= CrossArm)
                           || (Math.Abs(y) <= CrossHalfWidth && Math.Abs(x) <= CrossArm),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Not a shape."),
    };

    /// <summary>
    /// Equilateral triangle with circumradius 1 pointing up (a corner at (0, -1), y down): inside when
    /// the point is within the inradius 1/2 along each edge's outward normal (at 90, 210 and 330 degrees).
    /// </summary>
    static bool InTriangle(double x, double y)
    {
        const double halfSqrt3 = 0.86602540378443865;
        return y <= 0.5
               && -halfSqrt3 * x - 0.5 * y <= 0.5
               && halfSqrt3 * x - 0.5 * y <= 0.5;
    }

    /// <summary>Even-odd rule: a ray toward +x crosses the boundary an odd number of times.</summary>
    static bool InPolygon((double X, double Y)[] corners, double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = corners.Length - 1; i < corners.Length; j = i++)
        {
            (double xi, double yi) = corners[i];
            (double xj, double yj) = corners[j];
            if ((yi > y) != (yj > y) && x < xj + (y - yj) * (xi - xj) / (yi - yj))
                inside = !inside;
        }
        return inside;
    }

    static (double X, double Y)[] BuildStarCorners()
    {
        var corners = new (double X, double Y)[10];
        for (int k = 0; k < corners.Length; k++)
        {
            double radius = k % 2 == 0 ? 1.0 : StarInnerRadius;
            double angle = (-90.0 + 36.0 * k) * Math.PI / 180.0;
            corners[k] = (radius * Math.Cos(angle), radius * Math.Sin(angle));
        }
        return corners;
    }
}

namespace Kaleido.Tools.Dataset;

/// <summary>
/// An object's frame, built once per object so that point tests in the render loops do no trigonometry:
/// the centre, the circumradius and the rotation's cosine and sine.
/// </summary>
public readonly struct ShapeFrame
{
    readonly ShapeKind _shape;
    readonly double _centerX, _centerY, _radius, _cos, _sin, _aspect;

    public ShapeFrame(SceneObject shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _shape = shape.Shape;
        _centerX = shape.CenterX;
        _centerY = shape.CenterY;
        _radius = shape.Radius;
        _aspect = shape.Aspect;
        double angle = shape.RotationDegrees * Math.PI / 180.0;
        _cos = Math.Cos(angle);
        _sin = Math.Sin(angle);
    }

    /// <summary>Whether the point (u, v) of the image (normalised, y down) is inside the object.</summary>
    public bool Contains(double u, double v)
    {
        double dx = u - _centerX, dy = v - _centerY;
        if (dx * dx + dy * dy > _radius * _radius)
            return false;
        // Into the shape frame: turn back by the rotation, then divide by the circumradius.
        double x = (dx * _cos + dy * _sin) / _radius;
        double y = (-dx * _sin + dy * _cos) / _radius;
        return ShapeGeometry.ContainsInFrame(_shape, _aspect, x, y);
    }
}

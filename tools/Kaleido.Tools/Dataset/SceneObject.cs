namespace Kaleido.Tools.Dataset;

/// <summary>
/// One object of a scene in normalised image coordinates: [0, 1] on both axes, y pointing down.
/// </summary>
/// <param name="CenterX">Centre x, in [Radius, 1 - Radius] so the object lies inside the image.</param>
/// <param name="Radius">Circumradius: the whole shape lies within this distance of the centre.</param>
/// <param name="RotationDegrees">Turn from +x toward +y (clockwise on screen); 0 for circles.</param>
/// <param name="Aspect">Ellipses: semi-minor / semi-major axis (the major axis is at the rotation); 1 otherwise.</param>
public sealed record SceneObject(
    ShapeKind Shape,
    NamedColor Color,
    SizeClass Size,
    double CenterX,
    double CenterY,
    double Radius,
    double RotationDegrees,
    double Aspect);

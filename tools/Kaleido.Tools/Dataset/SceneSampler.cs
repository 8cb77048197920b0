namespace Kaleido.Tools.Dataset;

/// <summary>
/// Draws a scene: background colour and style, then 1-3 objects with a random shape, colour, size,
/// rotation and position. A position that would cover more than <see cref="MaxOverlap"/> of an
/// object placed before (or be covered that much) is drawn again, so every object stays visible.
/// </summary>
public static class SceneSampler
{
    /// <summary>Largest shared area over the smaller object's area; 10% keeps each shape recognisable.</summary>
    public const double MaxOverlap = 0.10;

    /// <summary>Positions tried per object before it is left out (rare: three large shapes fill ~40% of the image).</summary>
    const int PlacementAttempts = 100;

    /// <summary>
    /// Overlap is measured on this fixed grid, not at the render size, so a seed gives the same
    /// scene at every --size.
    /// </summary>
    const int OverlapGridSide = 128;

    /// <summary>Ellipses: semi-minor / semi-major in this range, elongated enough that their angle shows.</summary>
    const double MinAspect = 0.45, MaxAspect = 0.7;

    public static Scene Sample(SceneRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        NamedColor background = random.Pick(Palette.BackgroundColors);
        BackgroundStyle style = random.Pick(BackgroundStyleInfo.All);
        int count = 1 + random.NextInt(Scene.MaxObjects);

        var placed = new List<SceneObject>(count);
        var placedMasks = new List<bool[]>(count);
        for (int i = 0; i < count; i++)
        {
            ShapeKind shape = random.Pick(ShapeKindNames.All);
            NamedColor color = random.Pick(Palette.ObjectColors);
            SizeClass size = random.Pick(SizeClassInfo.All);
            (double minRadius, double maxRadius) = size.RadiusRange();
            double radius = random.NextDouble(minRadius, maxRadius);
            double rotation = shape == ShapeKind.Circle ? 0 : random.NextDouble(0, 360);
            double aspect = shape == ShapeKind.Ellipse ? random.NextDouble(MinAspect, MaxAspect) : 1;

            for (int attempt = 0; attempt < PlacementAttempts; attempt++)
            {
                var candidate = new SceneObject(
                    shape, color, size,
                    CenterX: random.NextDouble(radius, 1 - radius),
                    CenterY: random.NextDouble(radius, 1 - radius),
                    radius, rotation, aspect);
                bool[] mask = RasterizeOnGrid(candidate);
                if (placedMasks.All(other => OverlapFraction(mask, other) <= MaxOverlap))
                {
                    placed.Add(candidate);
                    placedMasks.Add(mask);
                    break;
                }
            }
        }
        return new Scene(background, style, placed);
    }

    static bool[] RasterizeOnGrid(SceneObject shape)
    {
        const int n = OverlapGridSide;
        var mask = new bool[n * n];
        var frame = new ShapeFrame(shape);
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
                mask[y * n + x] = frame.Contains((x + 0.5) / n, (y + 0.5) / n);
        }
        return mask;
    }

    /// <summary>|A and B| / min(|A|, |B|).</summary>
    static double OverlapFraction(bool[] a, bool[] b)
    {
        int areaA = 0, areaB = 0, shared = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i]) areaA++;
            if (b[i]) areaB++;
            if (a[i] && b[i]) shared++;
        }
        int smaller = Math.Min(areaA, areaB);
        return smaller == 0 ? 0 : (double)shared / smaller;
    }
}

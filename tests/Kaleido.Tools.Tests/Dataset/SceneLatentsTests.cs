using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Tests.Dataset;

/// <summary>The generator's latents against its rendered pixels and masks.</summary>
public sealed class SceneLatentsTests
{
    const ulong Seed = 91;
    const int Images = 40;

    public static TheoryData<int> Sides => new() { 32, 64 };

    [Theory]
    [MemberData(nameof(Sides))]
    public void Pixels_InsideAnObjectsMask_HaveItsColour_AndBackgroundPixelsNever(int side)
    {
        for (int index = 0; index < Images; index++)
        {
            RenderedScene rendered = DatasetGenerator.CreateImage(Seed, index, side, "x.png").Rendered;
            int s = rendered.Supersample;
            for (int py = 0; py < side; py++)
            {
                for (int px = 0; px < side; px++)
                {
                    // The labels of the pixel's s x s samples.
                    var labels = new HashSet<int>();
                    for (int j = 0; j < s; j++)
                        for (int i = 0; i < s; i++)
                            labels.Add(rendered.Labels[(py * s + j) * rendered.MaskSide + px * s + i]);
                    if (labels.Count != 1 || labels.Single() == 0)
                        continue;
                    NamedColor color = rendered.Scene.Objects[labels.Single() - 1].Color;
                    int at = (py * side + px) * 3;
                    Assert.Equal((color.R, color.G, color.B), (rendered.Pixels[at], rendered.Pixels[at + 1], rendered.Pixels[at + 2]));
                }
            }
        }
    }

    [Fact]
    public void EveryObject_IsVisible_AndMasksDoNotOverlapMuch()
    {
        for (int index = 0; index < Images; index++)
        {
            RenderedScene rendered = DatasetGenerator.CreateImage(Seed, index, 32, "x.png").Rendered;
            for (int i = 0; i < rendered.Scene.Objects.Count; i++)
            {
                int visible = rendered.ObjectMask(i).Count(set => set);
                int whole = WholeArea(rendered, i);
                // Visible share >= 1 - MaxOverlap, less a little for the sample grid.
                Assert.True(visible >= 0.85 * whole, $"image {index} object {i}: {visible} of {whole} samples visible");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Bbox_EnclosesEachMask_AndIsTightWithinOnePixel(int side)
    {
        for (int index = 0; index < Images; index++)
        {
            (DatasetGenerator.ImageRecord record, RenderedScene rendered) = DatasetGenerator.CreateImage(Seed, index, side, "x.png");
            Assert.Equal(rendered.Scene.Objects.Count, record.Bbox.Phrases.Count);
            for (int i = 0; i < rendered.Scene.Objects.Count; i++)
            {
                (int minX, int minY, int maxX, int maxY) = Bounds(rendered.ObjectMask(i), rendered.MaskSide);
                BoundingBox box = record.Bbox.Phrases[i].Box;
                double unitsPerSample = 1000.0 / rendered.MaskSide;
                // Edges of the mask in [0, 1000]: sample x covers [x, x + 1).
                AssertEdge(box.X1, minX * unitsPerSample, lower: true);
                AssertEdge(box.Y1, minY * unitsPerSample, lower: true);
                AssertEdge(box.X2, (maxX + 1) * unitsPerSample, lower: false);
                AssertEdge(box.Y2, (maxY + 1) * unitsPerSample, lower: false);
            }
        }

        // Within one unit of [0, 1000] (less than one sample of the mask), on the outside.
        static void AssertEdge(int coordinate, double edge, bool lower)
        {
            if (lower)
                Assert.InRange(edge - coordinate, 0.0, 0.999999);
            else
                Assert.InRange(coordinate - edge, 0.0, 0.999999);
        }
    }

    [Fact]
    public void BlobsOfRenderedEllipsesAndCircles_MatchTheSceneObjects()
    {
        int checkedObjects = 0;
        for (int index = 0; index < 300 && checkedObjects < 30; index++)
        {
            (DatasetGenerator.ImageRecord record, RenderedScene rendered) = DatasetGenerator.CreateImage(Seed, index, 32, "x.png");
            for (int i = 0; i < rendered.Scene.Objects.Count; i++)
            {
                SceneObject shape = rendered.Scene.Objects[i];
                // Only whole objects: a covered part would move the fitted ellipse.
                if (shape.Shape is not (ShapeKind.Ellipse or ShapeKind.Circle) || rendered.ObjectMask(i).Count(set => set) != WholeArea(rendered, i))
                    continue;
                ObjectBlob blob = record.Blob.Phrases[i].Blob;
                // 128 samples across: one sample is 7.8 units; allow half a sample on the centre, a sample on radii.
                Assert.InRange(blob.CenterX, shape.CenterX * 1000 - 4, shape.CenterX * 1000 + 4);
                Assert.InRange(blob.CenterY, shape.CenterY * 1000 - 4, shape.CenterY * 1000 + 4);
                Assert.InRange(blob.RadiusMajor, shape.Radius * 1000 - 8, shape.Radius * 1000 + 8);
                Assert.InRange(blob.RadiusMinor, shape.Radius * shape.Aspect * 1000 - 8, shape.Radius * shape.Aspect * 1000 + 8);
                if (shape.Shape == ShapeKind.Ellipse)
                {
                    double difference = Math.Abs(blob.ThetaDegrees - shape.RotationDegrees % 180);
                    Assert.True(Math.Min(difference, 180 - difference) <= 3, $"theta {blob.ThetaDegrees} vs rotation {shape.RotationDegrees:F1}");
                }
                checkedObjects++;
            }
        }
        Assert.True(checkedObjects >= 10, $"only {checkedObjects} whole ellipses or circles were checked");
    }

    [Fact]
    public void TextLatent_NamesEveryObjectAndTheBackground()
    {
        for (int index = 0; index < Images; index++)
        {
            DatasetGenerator.ImageRecord record = DatasetGenerator.CreateImage(Seed, index, 32, "x.png").Record;
            string text = record.Text.Description;
            foreach (SceneObject shape in record.Scene.Objects)
                Assert.Contains($"{shape.Size.Name()} {shape.Color.Name} {shape.Shape.Singular()}", text);
            Assert.Contains($" {record.Scene.Background.Name} background", text);
        }
    }

    /// <summary>Samples inside object i whether or not another object covers them, by the sampler's own geometry.</summary>
    static int WholeArea(RenderedScene rendered, int objectIndex)
    {
        SceneObject shape = rendered.Scene.Objects[objectIndex];
        int n = rendered.MaskSide, area = 0;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                if (ShapeGeometry.Contains(shape, (x + 0.5) / n, (y + 0.5) / n))
                    area++;
        return area;
    }

    static (int MinX, int MinY, int MaxX, int MaxY) Bounds(bool[] mask, int side)
    {
        int minX = side, minY = side, maxX = -1, maxY = -1;
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i]) continue;
            int x = i % side, y = i / side;
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
        }
        Assert.True(maxX >= 0, "empty mask");
        return (minX, minY, maxX, maxY);
    }
}

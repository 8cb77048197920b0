using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Grounding;

namespace Kaleido.Tools.Tests.Grounding;

/// <summary>The edit test's and the mirror diagnostic's parts on cases with known answers, without a trained model.</summary>
public sealed class GroundingMeasureTests
{
    [Fact]
    public void Mirroring_flips_x_keeps_y_and_twice_gives_the_latent_back()
    {
        Assert.Equal(new BoundingBox(700, 200, 900, 400), LatentMirror.Mirror(new BoundingBox(100, 200, 300, 400)));
        Assert.Equal(new ObjectBlob(750, 300, 200, 100, 150), LatentMirror.Mirror(new ObjectBlob(250, 300, 200, 100, 30)));
        Assert.Equal(0, LatentMirror.Mirror(new ObjectBlob(500, 500, 10, 5, 0)).ThetaDegrees);
        for (int index = 0; index < 50; index++)
        {
            var (record, _) = DatasetGenerator.CreateImage(11, index, 32, "x.png");
            var combined = new CombinedLatents(record.Text, record.Bbox, new VokenLatents([1, 2, 3]));
            foreach (DiscreteLatents latents in new DiscreteLatents[] { record.Bbox, record.Blob, combined })
            {
                DiscreteLatents mirrored = LatentMirror.Mirror(latents);
                Assert.Equal(latents, LatentMirror.Mirror(mirrored));
                Assert.Equal(latents.Kind, mirrored.Kind);
                // The mirrored latent is still valid text of its kind.
                Assert.Equal(mirrored, LatentsParser.Parse(mirrored.Kind, mirrored.ToText()));
            }
            Assert.Equal(combined.Text, ((CombinedLatents)LatentMirror.Mirror(combined)).Text);
        }
        Assert.Throws<ToolInputException>(() => LatentMirror.Mirror(new TextLatents("a red circle")));
    }

    [Fact]
    public void A_horizontally_flipped_scene_lands_on_the_mirrored_boxes_and_the_unflipped_one_does_not()
    {
        // The independent reference: flipping the ground-truth image puts every object at its mirrored box.
        int landedFlipped = 0, landedUnflipped = 0, moved = 0;
        for (int index = 0; index < 40; index++)
        {
            var (record, rendered) = DatasetGenerator.CreateImage(3, index, 32, "x.png");
            var mirrored = (BboxLatents)LatentMirror.Mirror(record.Bbox);
            byte[] flipped = Flip(rendered.Pixels, rendered.Side);
            var onFlipped = EditTest.Score(index, flipped, rendered.Side, record.Bbox, mirrored).ToList();
            var onOriginal = EditTest.Score(index, rendered.Pixels, rendered.Side, record.Bbox, mirrored).ToList();
            moved += onFlipped.Count;
            landedFlipped += onFlipped.Count(o => o.Landed && o.LeftOld);
            landedUnflipped += onOriginal.Count(o => o.Landed);
        }
        Assert.True(moved >= 20, $"only {moved} objects moved far enough to count");
        Assert.True(landedFlipped >= 0.8 * moved, $"{landedFlipped} of {moved} landed on the flipped image");
        Assert.Equal(0, landedUnflipped);
    }

    [Fact]
    public void Outside_change_counts_only_pixels_outside_every_box()
    {
        const int side = 10;
        var before = new byte[side * side * 3];
        var after = (byte[])before.Clone();
        var box = new BoundingBox(0, 0, 500, 1000); // the left half: pixel centres x = 50..450
        Assert.Equal(0, EditTest.OutsideChange(before, after, side, [box]));
        after[(3 * side + 2) * 3] = 200; // inside the box
        Assert.Equal(0, EditTest.OutsideChange(before, after, side, [box]));
        after[(3 * side + 7) * 3 + 1] = 150; // outside: one of 50 pixels × 3 channels
        Assert.Equal(150.0 / 150, EditTest.OutsideChange(before, after, side, [box]), 12);
        Assert.Equal(0, EditTest.OutsideChange(before, after, side, [new BoundingBox(0, 0, 1000, 1000)]));
    }

    [Fact]
    public void Compare_recovers_x0_from_the_true_velocity_and_measures_the_mirrored_rows_error()
    {
        var random = new Random(5);
        const int n = 48;
        double gamma = 0.3;
        var x0 = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var eps = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var xt = new float[2 * n];
        var v = new float[2 * n];
        for (int j = 0; j < n; j++)
        {
            xt[j] = xt[n + j] = (float)(Math.Sqrt(gamma) * x0[j] + Math.Sqrt(1 - gamma) * eps[j]);
            v[j] = (float)(Math.Sqrt(gamma) * eps[j] - Math.Sqrt(1 - gamma) * x0[j]);  // the true v
            v[n + j] = v[j] + 0.1f;                                                       // x̂0 off by −√(1−γ)·0.1
        }
        var (trueLoss, mirroredLoss, sensitivity) = MirrorDiagnostic.Compare(x0, xt, v, gamma);
        double offset = Math.Sqrt(1 - gamma) * 0.1;
        Assert.Equal(0, trueLoss, 1e-10);
        Assert.Equal(offset * offset, mirroredLoss, 1e-8);
        Assert.Equal(offset, sensitivity, 1e-6);
    }

    [Fact]
    public void Average_pooling_averages_each_block_per_channel()
    {
        var image = new float[3 * 4 * 4];
        for (int i = 0; i < image.Length; i++)
            image[i] = i;
        float[] pooled = MirrorDiagnostic.AveragePool(image, side: 4, factor: 2);
        Assert.Equal(3 * 2 * 2, pooled.Length);
        Assert.Equal((0 + 1 + 4 + 5) / 4f, pooled[0]);
        Assert.Equal((10 + 11 + 14 + 15) / 4f, pooled[3]);
        Assert.Equal((16 + 17 + 20 + 21) / 4f, pooled[4]);
    }

    static byte[] Flip(byte[] rgb, int side)
    {
        var flipped = new byte[rgb.Length];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
                for (int c = 0; c < 3; c++)
                    flipped[(y * side + (side - 1 - x)) * 3 + c] = rgb[(y * side + x) * 3 + c];
        return flipped;
    }
}

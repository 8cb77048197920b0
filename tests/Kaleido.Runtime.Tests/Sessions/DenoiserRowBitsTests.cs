using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Tests.Pipeline;
using Xunit.Abstractions;

namespace Kaleido.Runtime.Tests.Sessions;

/// <summary>
/// A guided image's two rows get the same bits wherever they sit in a batch of B images (2B rows), whatever their
/// neighbours, and the same bits as when the image runs alone: what lets <c>--batch-size</c> keep every image's bytes
/// (<see cref="KaleidoPipeline"/>). An unguided image (w = 1, one row) gets the same bits at every position of every
/// batch of two rows or more, but not alone: ONNX Runtime computes a one-row run otherwise (about 1e-6 apart), so the
/// pipeline runs unguided images one at a time. Every position at B = 2, 4, 8 and 16, fresh random inputs and
/// neighbours at each, on the CPU with 2 threads, for the fixture and the shipped model (region-masked attention).
/// </summary>
public sealed class DenoiserRowBitsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tiny-kaleido", 2)]
    [InlineData("tiny-kaleido", 4)]
    [InlineData("tiny-kaleido", 8)]
    [InlineData("tiny-kaleido", 16)]
    [InlineData("kaleido-shapes", 2)]
    [InlineData("kaleido-shapes", 4)]
    [InlineData("kaleido-shapes", 8)]
    [InlineData("kaleido-shapes", 16)]
    public void Guided_rows_bits_do_not_depend_on_batch_size_position_or_neighbours(string package, int images) =>
        Check(package, images, rowsPerImage: 2, referenceImages: 1);

    [Theory]
    [InlineData("tiny-kaleido", 4)]
    [InlineData("kaleido-shapes", 4)]
    [InlineData("kaleido-shapes", 16)]
    public void Unguided_rows_bits_are_the_same_in_every_batch_of_two_rows_or_more(string package, int images) =>
        Check(package, images, rowsPerImage: 1, referenceImages: 2);

    /// <summary>The probe image at every position of a batch of <paramref name="images"/> gets its bits in a batch of <paramref name="referenceImages"/>.</summary>
    void Check(string package, int images, int rowsPerImage, int referenceImages)
    {
        using var model = LoadedModel.Open(ModelPackage.Load(PackagePath(package)), new SessionSettings { IntraOpThreads = 2 });
        int seed = Random.Shared.Next(); // fresh inputs every run; the seed is in the messages to repeat one
        var random = new Random(seed);
        int time = random.Next(0, 1000);
        RowInputs probe = RowInputs.Random(model, random);

        RowInputs[] Around(RowInputs image, int count, int position) =>
            [.. Enumerable.Range(0, count).Select(i => i == position ? image : RowInputs.Random(model, random))];
        Velocity reference = Run(model.Denoiser(rowsPerImage * referenceImages), Around(probe, referenceImages, 0), 0, time, rowsPerImage);
        // The comparison can fail: another image gets other bits.
        Assert.False(Run(model.Denoiser(rowsPerImage * referenceImages), Around(RowInputs.Random(model, random), referenceImages, 0), 0, time, rowsPerImage)
            .SameBits(reference));
        var differing = new List<string>();
        for (int position = 0; position < images; position++)
        {
            Velocity v = Run(model.Denoiser(rowsPerImage * images), Around(probe, images, position), position, time, rowsPerImage);
            if (!v.SameBits(reference))
                differing.Add($"position {position} (largest difference {v.MaxDifference(reference):G3})");
        }
        output.WriteLine($"{package}, B = {images}, {rowsPerImage} row(s) per image, seed {seed}: {images - differing.Count} of {images} positions have the bits it gets in a batch of {referenceImages}.");
        Assert.True(differing.Count == 0, $"{package}, B = {images}, {rowsPerImage} row(s) per image, seed {seed}: the rows differ from a batch of {referenceImages} at " + string.Join(", ", differing));
    }

    /// <summary>A fixture under tests/fixtures, or the shipped package under models/.</summary>
    static string PackagePath(string name) => name == "kaleido-shapes"
        ? Path.GetFullPath(Path.Combine(FixturePackages.PathOf(FixturePackages.TinyKaleido), "..", "..", "..", "models", name))
        : FixturePackages.PathOf(name);

    /// <summary>Runs one step on <paramref name="images"/> (each a guided image's two rows) and returns image <paramref name="probe"/>'s velocity rows.</summary>
    static Velocity Run(DenoiserSession session, RowInputs[] images, int probe, int time, int rowsPerImage)
    {
        int b = images.Length;
        int l = session.ConditioningLength, d = session.Width;
        int n = rowsPerImage * b;
        var states = new float[n * l * d];
        var mask = new long[n * l];
        long[]? tokenObjects = session.IsGrounded ? new long[n * l] : null;
        float[]? regions = null;
        int regionValues = images[0].Regions?.Length / 2 ?? 0;
        if (session.IsGrounded)
            regions = new float[n * regionValues];
        var xt = session.Sides.Select(s => new float[n * 3 * s * s]).ToArray();
        var v = session.Sides.Select(s => new float[n * 3 * s * s]).ToArray();
        for (int i = 0; i < b; i++)
            for (int half = 0; half < rowsPerImage; half++)
            {
                int row = half * b + i; // [uncond × B; cond × B], or [cond × B]
                RowInputs image = images[i];
                image.States.AsSpan(half * l * d, l * d).CopyTo(states.AsSpan(row * l * d));
                image.Mask.AsSpan(half * l, l).CopyTo(mask.AsSpan(row * l));
                if (tokenObjects is not null)
                {
                    image.TokenObjects!.AsSpan(half * l, l).CopyTo(tokenObjects.AsSpan(row * l));
                    image.Regions!.AsSpan(half * regionValues, regionValues).CopyTo(regions!.AsSpan(row * regionValues));
                }
                for (int r = 0; r < xt.Length; r++)
                {
                    int values = 3 * session.Sides[r] * session.Sides[r];
                    image.Xt[r].AsSpan(half * values, values).CopyTo(xt[r].AsSpan(row * values));
                }
            }
        session.SetConditioning(states, mask);
        if (tokenObjects is not null)
            session.SetGrounding(tokenObjects, regions!);
        session.PredictVelocity(time, xt.Select(a => (ReadOnlyMemory<float>)a).ToArray(), v.Select(a => (Memory<float>)a).ToArray(),
            rowsPerImage == 2 ? GuidanceBatchLayout.UnconditionalThenConditional : GuidanceBatchLayout.ConditionalOnly);
        var rows = new float[xt.Length][];
        for (int r = 0; r < xt.Length; r++)
        {
            int values = 3 * session.Sides[r] * session.Sides[r];
            rows[r] = rowsPerImage == 2 ? [.. v[r].AsSpan(probe * values, values), .. v[r].AsSpan((b + probe) * values, values)]
                                        : v[r].AsSpan(probe * values, values).ToArray();
        }
        return new Velocity(rows);
    }

    sealed record Velocity(float[][] Rows)
    {
        public bool SameBits(Velocity other) => Rows.Zip(other.Rows).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        public float MaxDifference(Velocity other) => Rows.Zip(other.Rows).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second)));
    }

    /// <summary>One guided image's inputs: two rows (uncond, cond) of everything.</summary>
    sealed record RowInputs(float[] States, long[] Mask, long[]? TokenObjects, float[]? Regions, float[][] Xt)
    {
        public static RowInputs Random(LoadedModel model, Random random)
        {
            ConditioningSpec spec = model.Manifest.Conditioning;
            int l = spec.Length, d = spec.Width;
            var states = new float[2 * l * d];
            for (int i = 0; i < states.Length; i++)
                states[i] = (float)(random.NextDouble() * 2 - 1);
            var mask = new long[2 * l];
            for (int half = 0; half < 2; half++)
            {
                int valid = random.Next(1, l + 1);
                for (int i = 0; i < valid; i++)
                    mask[half * l + i] = 1;
            }
            long[]? tokenObjects = null;
            float[]? regions = null;
            if (spec.Grounding is { } grounding)
            {
                tokenObjects = new long[2 * l];
                for (int i = 0; i < tokenObjects.Length; i++)
                    tokenObjects[i] = random.Next(-1, grounding.MaxObjects);
                regions = new float[2 * grounding.MaxObjects * 4];
                for (int o = 0; o < regions.Length; o += 4)
                {
                    float x1 = random.Next(0, 800), y1 = random.Next(0, 800);
                    (regions[o], regions[o + 1], regions[o + 2], regions[o + 3]) = (x1, y1, x1 + random.Next(50, 200), y1 + random.Next(50, 200));
                }
            }
            var xt = model.Manifest.Resolutions.Select(s =>
            {
                var a = new float[2 * 3 * s * s];
                for (int i = 0; i < a.Length; i++)
                    a[i] = (float)(random.NextDouble() * 4 - 2);
                return a;
            }).ToArray();
            return new RowInputs(states, mask, tokenObjects, regions, xt);
        }
    }
}

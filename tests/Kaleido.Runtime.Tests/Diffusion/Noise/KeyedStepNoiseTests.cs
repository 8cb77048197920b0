using Kaleido.Runtime.Diffusion.Noise;

namespace Kaleido.Runtime.Tests.Diffusion.Noise;

public sealed class KeyedStepNoiseTests
{
    [Fact]
    public void Each_row_draws_its_own_images_stream_whatever_the_batch()
    {
        const ulong seed = 0xDEADBEEF_12345678;
        int[] sides = [32, 8];
        var batch = new KeyedStepNoise(
            [new NoiseKey(seed, 5, 0, 0), new NoiseKey(seed, 6, 0, 0), new NoiseKey(seed + 1, 5, 0, 0)], sides);
        var alone = new KeyedStepNoise([new NoiseKey(seed, 6, 0, 0)], sides);

        var fromBatch = new float[48];
        var fromAlone = new float[48];
        batch.Fill(stepIndex: 3, resolutionIndex: 1, sampleIndex: 1, fromBatch);
        alone.Fill(stepIndex: 3, resolutionIndex: 1, sampleIndex: 0, fromAlone);
        Assert.Equal(fromAlone, fromBatch);

        // The documented key: loop step i draws at key step i + 1, keyed by the level's side.
        var expected = new float[48];
        GaussianNoise.Fill(expected, new NoiseKey(seed, 6, Step: 4, Resolution: 8));
        Assert.Equal(expected, fromBatch);

        GaussianNoise.Fill(expected, new NoiseKey(seed, 6, Step: 0, Resolution: 32));
        batch.FillStart(resolutionIndex: 0, sampleIndex: 1, fromBatch);
        Assert.Equal(expected, fromBatch);
    }

    [Fact]
    public void Rows_with_different_seed_or_index_differ()
    {
        var noise = new KeyedStepNoise(
            [new NoiseKey(1, 0, 0, 0), new NoiseKey(1, 1, 0, 0), new NoiseKey(2, 0, 0, 0)], [16]);
        var rows = new float[3][];
        for (int b = 0; b < 3; b++)
        {
            rows[b] = new float[16];
            noise.Fill(0, 0, b, rows[b]);
        }
        Assert.NotEqual(rows[0], rows[1]);
        Assert.NotEqual(rows[0], rows[2]);
    }
}

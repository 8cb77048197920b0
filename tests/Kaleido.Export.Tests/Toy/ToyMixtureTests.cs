using Kaleido.Export.Toy;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyMixtureTests
{
    // Fig. 3's layout, written out here rather than read from ToyMixture.Paper.
    static readonly (float X, float Y, double Probability)[] ExpectedModes =
        [(-2f, 0f, 0.35), (0f, 0.8f, 0.15), (2f, 0f, 0.35), (0f, -0.8f, 0.15)];

    [Fact]
    public void Samples_follow_the_mode_weights_centres_and_sigma()
    {
        set_num_threads(1);
        const int count = 20_000;
        using var generator = new Generator(7);
        using var batch = ToyMixture.Paper.Sample(count, generator);
        float[] x = batch.X0.data<float>().ToArray();
        long[] classes = batch.Classes.data<long>().ToArray();
        long[] subModes = batch.SubModes.data<long>().ToArray();

        for (int m = 0; m < ExpectedModes.Length; m++)
        {
            var rows = Enumerable.Range(0, count).Where(i => classes[i] * 2 + subModes[i] == m).ToArray();
            double p = ExpectedModes[m].Probability;
            Assert.InRange(rows.Length / (double)count, p - 4 * Math.Sqrt(p * (1 - p) / count), p + 4 * Math.Sqrt(p * (1 - p) / count));

            double meanX = rows.Average(i => x[2 * i]), meanY = rows.Average(i => x[2 * i + 1]);
            double standardError = 4 * 0.35 / Math.Sqrt(rows.Length);
            Assert.InRange(meanX, ExpectedModes[m].X - standardError, ExpectedModes[m].X + standardError);
            Assert.InRange(meanY, ExpectedModes[m].Y - standardError, ExpectedModes[m].Y + standardError);
            double sd = Math.Sqrt(rows.Average(i => (x[2 * i] - meanX) * (x[2 * i] - meanX)));
            Assert.InRange(sd, 0.35 * 0.95, 0.35 * 1.05);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_batch()
    {
        using var first = new Generator(11);
        using var second = new Generator(11);
        using var a = ToyMixture.Paper.Sample(64, first);
        using var b = ToyMixture.Paper.Sample(64, second);
        Assert.Equal(a.X0.data<float>().ToArray(), b.X0.data<float>().ToArray());
        Assert.Equal(a.SubModes.data<long>().ToArray(), b.SubModes.data<long>().ToArray());
    }

    [Fact]
    public void Nearest_mode_matches_a_brute_force_distance()
    {
        var random = new Random(3);
        for (int i = 0; i < 1000; i++)
        {
            float x = (float)(random.NextDouble() * 6 - 3), y = (float)(random.NextDouble() * 4 - 2);
            int expected = Enumerable.Range(0, 4)
                .OrderBy(m => Math.Pow(x - ExpectedModes[m].X, 2) + Math.Pow(y - ExpectedModes[m].Y, 2)).First();
            Assert.Equal(expected, ToyMixture.Paper.NearestMode(x, y));
        }
    }

    [Fact]
    public void Modes_out_of_class_order_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ToyMixture(
            [new ToyMode(0, 1, 0, 0, 0.5), new ToyMode(0, 0, 1, 0, 0.5)], 0.35, ["A"]));
        Assert.Contains("Mode 0", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ToyMixture(
            [new ToyMode(0, 0, 0, 0, 0.5), new ToyMode(0, 1, 1, 0, 0.4)], 0.35, ["A"]));
        Assert.Contains("sum to", error.Message);
    }
}

using Kaleido.Export.Toy;

namespace Kaleido.Export.Tests.Toy;

public sealed class ToyModeSharesTests
{
    [Fact]
    public void Shares_match_counts_by_nearest_centre()
    {
        var centres = new (float X, float Y)[] { (-2f, 0f), (0f, 0.8f), (2f, 0f), (0f, -0.8f) };
        var random = new Random(5);
        const int count = 500;
        var points = new float[2 * count];
        var classes = new int[count];
        for (int i = 0; i < count; i++)
        {
            points[2 * i] = (float)(random.NextDouble() * 6 - 3);
            points[2 * i + 1] = (float)(random.NextDouble() * 4 - 2);
            classes[i] = random.Next(2);
        }

        var shares = ToyModeShares.Count(ToyMixture.Paper, points, classes);

        for (int c = 0; c < 2; c++)
        {
            int total = classes.Count(label => label == c);
            Assert.Equal(total, shares.ClassTotal(c));
            for (int m = 0; m < 4; m++)
            {
                int expected = Enumerable.Range(0, count).Count(i => classes[i] == c && Enumerable.Range(0, 4)
                    .OrderBy(k => Math.Pow(points[2 * i] - centres[k].X, 2) + Math.Pow(points[2 * i + 1] - centres[k].Y, 2)).First() == m);
                Assert.Equal(expected, shares.Samples(c, m));
                Assert.Equal((double)expected / total, shares.Share(c, m), 12);
            }
        }
    }

    [Fact]
    public void Points_and_labels_of_different_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ToyModeShares.Count(ToyMixture.Paper, new float[6], [0, 1]));
        Assert.Equal("points", error.ParamName);
    }
}

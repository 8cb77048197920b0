using Kaleido.Runtime.Latents;
using Kaleido.Tools.Evaluation;

namespace Kaleido.Tools.Tests.Evaluation;

public sealed class BoxOverlapTests
{
    // Hand-computed: intersection and union areas worked out on paper.
    [Theory]
    [InlineData(0, 0, 100, 100, 0, 0, 100, 100, 1.0)]                  // same box
    [InlineData(0, 0, 100, 100, 50, 0, 150, 100, 5000.0 / 15000)]     // half overlap: 50x100 of 100x100 + 100x100 - 5000
    [InlineData(0, 0, 100, 100, 25, 25, 75, 75, 2500.0 / 10000)]      // nested: inner 50x50 inside 100x100
    [InlineData(0, 0, 100, 100, 100, 0, 200, 100, 0.0)]               // touching edges share no area
    [InlineData(0, 0, 100, 100, 300, 300, 400, 400, 0.0)]             // apart
    [InlineData(10, 20, 60, 80, 30, 50, 90, 100, 900.0 / 5100)]       // 30x30 of 50x60 + 60x50 - 900
    [InlineData(0, 0, 0, 100, 0, 0, 0, 100, 0.0)]                     // degenerate boxes: no union area
    public void IntersectionOverUnion_MatchesHandComputedCases(int ax1, int ay1, int ax2, int ay2, int bx1, int by1, int bx2, int by2, double expected)
    {
        var a = new BoundingBox(ax1, ay1, ax2, ay2);
        var b = new BoundingBox(bx1, by1, bx2, by2);
        Assert.Equal(expected, BoxOverlap.IntersectionOverUnion(a, b), 12);
        Assert.Equal(expected, BoxOverlap.IntersectionOverUnion(b, a), 12);
    }

    [Fact]
    public void IntersectionOverUnion_OfRandomBoxes_MatchesCountingGridCells()
    {
        // Independent reference: count the unit cells of a 50x50 grid covered by each box.
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            BoundingBox a = RandomBox(random), b = RandomBox(random);
            int both = 0, either = 0;
            for (int y = 0; y < 50; y++)
            {
                for (int x = 0; x < 50; x++)
                {
                    bool inA = x >= a.X1 && x < a.X2 && y >= a.Y1 && y < a.Y2;
                    bool inB = x >= b.X1 && x < b.X2 && y >= b.Y1 && y < b.Y2;
                    both += inA && inB ? 1 : 0;
                    either += inA || inB ? 1 : 0;
                }
            }
            double expected = either == 0 ? 0 : (double)both / either;
            Assert.Equal(expected, BoxOverlap.IntersectionOverUnion(a, b), 12);
        }
    }

    static BoundingBox RandomBox(Random random)
    {
        int x1 = random.Next(0, 50), y1 = random.Next(0, 50);
        return new BoundingBox(x1, y1, random.Next(x1, 51), random.Next(y1, 51));
    }
}

using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Tests.Dataset;

public sealed class VokenPatchesTests
{
    [Fact]
    public void Downsample_IsTheRoundedMeanOfEachBlock()
    {
        const int side = 96; // blocks of 3 x 3
        var random = new Random(8);
        var rgb = new byte[side * side * 3];
        random.NextBytes(rgb);

        byte[] reduced = VokenPatches.Downsample(rgb, side);

        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double sum = 0;
                    for (int j = 0; j < 3; j++)
                        for (int i = 0; i < 3; i++)
                            sum += rgb[((3 * y + j) * side + 3 * x + i) * 3 + c];
                    Assert.Equal((int)Math.Floor(sum / 9 + 0.5), reduced[(y * 32 + x) * 3 + c]);
                }
            }
        }
    }

    [Fact]
    public void Extract_CutsPatchesInGridOrder()
    {
        var random = new Random(9);
        var reduced = new byte[32 * 32 * 3];
        random.NextBytes(reduced);
        var patches = new float[16 * 192];

        VokenPatches.Extract(reduced, patches);

        for (int p = 0; p < 16; p++)
        {
            int top = p / 4 * 8, left = p % 4 * 8;
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                    for (int c = 0; c < 3; c++)
                        Assert.Equal(reduced[((top + y) * 32 + left + x) * 3 + c] / 255f, patches[p * 192 + (y * 8 + x) * 3 + c]);
        }
    }

    [Theory]
    [InlineData(31)]
    [InlineData(48)]
    public void Downsample_OfUnsupportedSide_Throws(int side)
    {
        Assert.Throws<ArgumentException>(() => VokenPatches.Downsample(new byte[side * side * 3], side));
    }
}

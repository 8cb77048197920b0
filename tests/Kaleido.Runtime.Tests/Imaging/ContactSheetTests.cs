using Kaleido.Runtime.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Tests.Imaging;

public class ContactSheetTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(3, 2, 2)]
    [InlineData(4, 2, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(8, 3, 3)]
    [InlineData(9, 3, 3)]
    [InlineData(10, 3, 4)]
    [InlineData(16, 4, 4)]
    public void ChooseGrid_IsTheSmallestNearSquareGrid(int count, int rows, int columns)
    {
        Assert.Equal((rows, columns), ContactSheet.ChooseGrid(count));
    }

    [Fact]
    public void Build_SheetHasGridSize_AndEachTileEqualsItsSource()
    {
        const int Count = 5, W = 6, H = 4, Padding = 3;
        var random = new Random(11);
        var tiles = new List<Image<Rgb24>>();
        for (int i = 0; i < Count; i++)
        {
            var tile = new Image<Rgb24>(W, H);
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                    tile[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            tiles.Add(tile);
        }

        var background = new Rgb24(1, 2, 3);
        using Image<Rgb24> sheet = ContactSheet.Build(tiles, Padding, background);

        // 5 tiles → 2 rows × 3 columns: width 3 + 3·(6 + 3) = 30, height 3 + 2·(4 + 3) = 17.
        Assert.Equal(30, sheet.Width);
        Assert.Equal(17, sheet.Height);
        var covered = new bool[sheet.Width, sheet.Height];
        for (int i = 0; i < Count; i++)
        {
            int left = Padding + (i % 3) * (W + Padding), top = Padding + (i / 3) * (H + Padding);
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                {
                    Assert.Equal(tiles[i][x, y], sheet[left + x, top + y]);
                    covered[left + x, top + y] = true;
                }
        }

        for (int y = 0; y < sheet.Height; y++)
            for (int x = 0; x < sheet.Width; x++)
                if (!covered[x, y]) Assert.Equal(background, sheet[x, y]);

        tiles.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Build_TilesOfDifferentSizesOrNone_Throws()
    {
        using var a = new Image<Rgb24>(4, 4);
        using var b = new Image<Rgb24>(4, 5);

        Assert.Contains("tile 1 is 4x5", Assert.Throws<ArgumentException>(() => ContactSheet.Build([a, b])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ContactSheet.Build([]));
    }
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// Lays equal-sized images out in a grid, row by row, with <c>padding</c> pixels of background
/// around and between tiles.
/// </summary>
public static class ContactSheet
{
    /// <summary>Padding used when none is given: enough to see tile edges at a glance.</summary>
    public const int DefaultPadding = 4;

    /// <summary>Background used when none is given.</summary>
    public static readonly Rgb24 DefaultBackground = new(255, 255, 255);

    /// <summary>
    /// The grid for <paramref name="count"/> tiles: the fewest columns c with c² ≥ count (a near-square
    /// sheet), then as many rows as needed.
    /// </summary>
    public static (int Rows, int Columns) ChooseGrid(int count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A contact sheet needs at least one image.");
        }

        int columns = 1;
        while (columns * columns < count) columns++;
        return ((count + columns - 1) / columns, columns);
    }

    /// <summary>Top-left pixel of tile <paramref name="index"/> on the sheet.</summary>
    public static Point TileOrigin(int index, int columns, Size tile, int padding) =>
        new(padding + (index % columns) * (tile.Width + padding), padding + (index / columns) * (tile.Height + padding));

    public static Image<Rgb24> Build(IReadOnlyList<Image<Rgb24>> tiles) => Build(tiles, DefaultPadding, DefaultBackground);

    /// <summary>Builds the sheet; the caller owns (and disposes) the returned image.</summary>
    public static Image<Rgb24> Build(IReadOnlyList<Image<Rgb24>> tiles, int padding, Rgb24 background)
    {
        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "Padding must be zero or more pixels.");
        }

        (int rows, int columns) = ChooseGrid(tiles.Count);
        Size tile = tiles[0].Size();
        for (int i = 1; i < tiles.Count; i++)
        {
            if (tiles[i].Size() != tile)
            {
                throw new ArgumentException(
                    $"Contact sheet tiles must share one size: tile 0 is {tile.Width}x{tile.Height}, tile {i} is {tiles[i].Width}x{tiles[i].Height}.",
                    nameof(tiles));
            }
        }

        var sheet = new Image<Rgb24>(
            PngConfiguration.Instance,
            padding + columns * (tile.Width + padding),
            padding + rows * (tile.Height + padding),
            background);
        for (int i = 0; i < tiles.Count; i++)
        {
            Point origin = TileOrigin(i, columns, tile, padding);
            for (int y = 0; y < tile.Height; y++)
            {
                tiles[i].DangerousGetPixelRowMemory(y).Span
                    .CopyTo(sheet.DangerousGetPixelRowMemory(origin.Y + y).Span.Slice(origin.X, tile.Width));
            }
        }

        return sheet;
    }
}

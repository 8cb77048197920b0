using Kaleido.Runtime.Files;
using System.Text;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Kaleido.Cli.Output;

/// <summary>One image of a run, as the contact sheet shows it.</summary>
/// <param name="Image">Its pixels; the caller owns and disposes them.</param>
sealed record ContactSheetTile(Image<Rgb24> Image, string FileName, LatentsDocument? Latents);

/// <summary>
/// The run's overview: <c>contact-sheet.png</c>, every image in a grid (<see cref="ContactSheet"/>) with its
/// latents' boxes or blobs drawn over it when the latent kind has them, and <c>contact-sheet.txt</c>, which
/// lists each tile's file name and latent text (ImageSharp 2 cannot draw text, so words go to the text file).
/// </summary>
static class ContactSheetFiles
{
    public const string ImageName = "contact-sheet.png";
    public const string TextName = "contact-sheet.txt";

    /// <summary>Small images are enlarged (nearest neighbour, whole factor) to at least this side, so overlays stay readable.</summary>
    const int MinimumTileSide = 128;

    static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };

    public static void Write(IReadOnlyList<ContactSheetTile> tiles, string folder)
    {
        if (tiles.Count == 0) return;
        var drawn = tiles.Select(Draw).ToList();
        try
        {
            using Image<Rgb24> sheet = ContactSheet.Build(drawn);
            AtomicFile.Write(Path.Combine(folder, ImageName), stream => sheet.SaveAsPng(stream, Encoder));
        }
        finally
        {
            foreach (Image<Rgb24> image in drawn) image.Dispose();
        }
        ImageFiles.WriteText(Path.Combine(folder, TextName), Describe(tiles));
    }

    /// <summary>A copy of the tile, enlarged, with its latents' geometry outlined.</summary>
    static Image<Rgb24> Draw(ContactSheetTile tile)
    {
        Image<Rgb24> copy = tile.Image.Clone();
        int factor = Math.Max(1, (MinimumTileSide + copy.Width - 1) / copy.Width);
        if (factor > 1)
            copy.Mutate(x => x.Resize(copy.Width * factor, copy.Height * factor, KnownResamplers.NearestNeighbor));
        if (tile.Latents is { } document)
            OverlayShapes.Draw(copy, document.Latents);
        return copy;
    }

    static string Describe(IReadOnlyList<ContactSheetTile> tiles)
    {
        (int rows, int columns) = ContactSheet.ChooseGrid(tiles.Count);
        var text = new StringBuilder();
        text.Append($"{ImageName}: {tiles.Count} image(s), {rows} row(s) of {columns}, left to right then top to bottom.\n");
        for (int i = 0; i < tiles.Count; i++)
        {
            ContactSheetTile tile = tiles[i];
            text.Append($"\n{i + 1}. row {i / columns + 1}, column {i % columns + 1}: {tile.FileName}\n");
            if (tile.Latents is { } document)
                text.Append($"   latents ({document.Kind.ToName()}): {document.Latents.ToText()}\n");
        }
        return text.ToString();
    }
}

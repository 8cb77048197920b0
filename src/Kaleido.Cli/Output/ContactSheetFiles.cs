using System.Security.Cryptography;
using System.Text;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Kaleido.Cli.Output;

/// <summary>One image of the folder, as the contact sheet shows it.</summary>
/// <param name="Image">Its pixels; the caller owns and disposes them.</param>
sealed record ContactSheetTile(Image<Rgb24> Image, string FileName, LatentsDocument? Latents);

/// <summary>
/// The folder's overview: <c>contact-sheet.png</c>, every image its manifest lists (not only this run's, so a
/// resumed or extended run shows the whole job) in a grid (<see cref="ContactSheet"/>) with its latents' boxes or
/// blobs drawn over it when the latent kind has them, and <c>contact-sheet.txt</c>, which lists each tile's file
/// name and latent text (ImageSharp 2 cannot draw text, so words go to the text file). Both are derived files: not
/// listed in the manifest, rebuilt whole.
/// </summary>
static class ContactSheetFiles
{
    public const string ImageName = "contact-sheet.png";
    public const string TextName = "contact-sheet.txt";

    /// <summary>Small images are enlarged (nearest neighbour, whole factor) to at least this side, so overlays stay readable.</summary>
    const int MinimumTileSide = 128;

    static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };

    /// <summary>
    /// Rebuilds both files from every image the manifest of <paramref name="folder"/> lists, in the order they were
    /// first written, that is still there with its recorded SHA-256; the latents come from each PNG's metadata.
    /// </summary>
    public static void Rebuild(OutputFolder folder)
    {
        var tiles = new List<ContactSheetTile>();
        try
        {
            foreach (ManifestEntry entry in folder.Manifest.Entries.Where(e => e.Kind == ManifestEntry.ImageKind))
                if (Load(folder.PathOf(entry.File), entry) is { } tile)
                    tiles.Add(tile);
            Write(tiles, folder);
        }
        finally
        {
            foreach (ContactSheetTile tile in tiles) tile.Image.Dispose();
        }
    }

    /// <summary>The listed image, or null when it is gone or has changed since it was listed.</summary>
    static ContactSheetTile? Load(string path, ManifestEntry entry)
    {
        if (!File.Exists(path)) return null;
        byte[] bytes = File.ReadAllBytes(path);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != entry.Sha256) return null;
        LatentsDocument? latents = null;
        string? json = PngMetadataReader.Read(path).Latents;
        if (json is not null) latents = LatentsDocumentReader.Read(json);
        return new ContactSheetTile(Image.Load<Rgb24>(PngConfiguration.Instance, bytes), entry.File, latents);
    }

    static void Write(IReadOnlyList<ContactSheetTile> tiles, OutputFolder folder)
    {
        if (tiles.Count == 0) return;
        var drawn = tiles.Select(Draw).ToList();
        try
        {
            using Image<Rgb24> sheet = ContactSheet.Build(drawn);
            using var buffer = new MemoryStream();
            sheet.SaveAsPng(buffer, Encoder);
            folder.WriteDerived(ImageName, buffer.ToArray());
        }
        finally
        {
            foreach (Image<Rgb24> image in drawn) image.Dispose();
        }
        folder.WriteDerived(TextName, ImageFiles.Utf8(Describe(tiles)));
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

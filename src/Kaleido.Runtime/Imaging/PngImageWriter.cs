using Kaleido.Runtime.Files;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Imaging;

/// <summary>Saves an image as an 8-bit RGB PNG carrying its <see cref="ImageMetadata"/> as text chunks, atomically.</summary>
public static class PngImageWriter
{
    // Fixed settings so the same pixels and metadata give the same bytes.
    private static readonly PngEncoder Encoder = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
    };

    /// <summary>
    /// Writes <paramref name="image"/> with <paramref name="metadata"/> to <paramref name="path"/>.
    /// ImageSharp stores Latin-1 values as tEXt (zTXt when long) and others as UTF-8 iTXt; control characters
    /// neither may hold are replaced first (<see cref="PngTextValue"/>).
    /// The image's own metadata is left as it was.
    /// </summary>
    public static void Write(Image<Rgb24> image, ImageMetadata metadata, string path) =>
        AtomicFile.Write(path, stream => Write(image, metadata, stream));

    /// <summary>
    /// The same PNG bytes into <paramref name="stream"/>, for callers that hash or place the file themselves
    /// (the CLI's output folder records each file's SHA-256 before it is renamed into place).
    /// </summary>
    public static void Write(Image<Rgb24> image, ImageMetadata metadata, Stream stream)
    {
        PngMetadata png = image.Metadata.GetPngMetadata();
        IList<PngTextData> previous = png.TextData;
        png.TextData = ToTextEntries(metadata, image.Width, image.Height);
        try
        {
            image.SaveAsPng(stream, Encoder);
        }
        finally
        {
            png.TextData = previous;
        }
    }

    /// <summary>
    /// The chunks in a fixed order: the first eight as kaleido has always written them, then the newer ones, so the
    /// bytes of the older chunks (and all pixel data) stay as they were.
    /// </summary>
    private static List<PngTextData> ToTextEntries(ImageMetadata metadata, int width, int height)
    {
        var entries = new List<PngTextData>
        {
            Entry(ImageMetadataKeys.Prompt, metadata.Prompt),
            Entry(ImageMetadataKeys.Seed, metadata.Seed.ToString(CultureInfo.InvariantCulture)),
            Entry(ImageMetadataKeys.Index, metadata.Index.ToString(CultureInfo.InvariantCulture)),
            Entry(ImageMetadataKeys.Steps, metadata.Steps.ToString(CultureInfo.InvariantCulture)),
            Entry(ImageMetadataKeys.Sampler, metadata.Sampler),
            Entry(ImageMetadataKeys.Guidance, metadata.Guidance.ToString("R", CultureInfo.InvariantCulture)),
            Entry(ImageMetadataKeys.ModelId, metadata.ModelId),
        };
        if (metadata.Latents is not null)
        {
            entries.Add(Entry(ImageMetadataKeys.Latents, metadata.Latents));
        }

        if (metadata.BaseSeed is { } baseSeed)
        {
            entries.Add(Entry(ImageMetadataKeys.BaseSeed, baseSeed.ToString(CultureInfo.InvariantCulture)));
        }

        if (metadata.PackageSha256 is { } packageSha256)
        {
            entries.Add(Entry(ImageMetadataKeys.PackageSha256, packageSha256));
        }

        if (metadata.KaleidoVersion is { } version)
        {
            entries.Add(Entry(ImageMetadataKeys.KaleidoVersion, version));
        }

        if (metadata.GuidanceCutoff != 0)
        {
            entries.Add(Entry(ImageMetadataKeys.GuidanceCutoff, metadata.GuidanceCutoff.ToString(CultureInfo.InvariantCulture)));
        }

        entries.Add(Entry(ImageMetadataKeys.Parameters, A1111Parameters.Format(metadata, width, height)));
        return entries;
    }

    private static PngTextData Entry(string keyword, string value) => new(keyword, PngTextValue.Clean(value), string.Empty, string.Empty);
}

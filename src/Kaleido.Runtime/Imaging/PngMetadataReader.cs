using System.Globalization;
using System.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;

namespace Kaleido.Runtime.Imaging;

/// <summary>Reads the <see cref="ImageMetadata"/> that <see cref="PngImageWriter"/> stored, without decoding pixels.</summary>
public static class PngMetadataReader
{
    /// <exception cref="ImageMetadataException">The file is missing, not a readable image, or lacks an entry.</exception>
    public static ImageMetadata Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImageMetadataException($"Cannot read image metadata: '{path}' does not exist.");
        }

        IImageInfo? info;
        try
        {
            info = Image.Identify(PngConfiguration.Instance, path, out _);
        }
        // A damaged file (cut short, bytes changed, a bad compressed chunk) is the user's input, not our bug. Besides its
        // own exceptions, ImageSharp's PNG decoder lets through InvalidDataException (a text chunk's bad zlib data) and
        // ArgumentOutOfRange/IndexOutOfRange (iTXt fields cut short): found by fuzzing, tests/fuzz-corpus/png-metadata/regressions.
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or IOException or InvalidDataException
                                      or UnauthorizedAccessException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ImageMetadataException($"Cannot read image metadata: '{path}' is not a readable PNG ({e.Message}).", e);
        }

        if (info is null)
        {
            throw new ImageMetadataException($"Cannot read image metadata: '{path}' is not a readable PNG.");
        }

        // Last entry wins if a keyword repeats.
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PngTextData entry in info.Metadata.GetPngMetadata().TextData)
        {
            text[entry.Keyword] = entry.Value;
        }

        return new ImageMetadata(
            Prompt: Required(text, ImageMetadataKeys.Prompt, path),
            Seed: Parse<ulong>(text, ImageMetadataKeys.Seed, path, NumberStyles.None),
            Index: Parse<int>(text, ImageMetadataKeys.Index, path, NumberStyles.None),
            Steps: Parse<int>(text, ImageMetadataKeys.Steps, path, NumberStyles.None),
            Sampler: Required(text, ImageMetadataKeys.Sampler, path),
            Guidance: Parse<double>(text, ImageMetadataKeys.Guidance, path, NumberStyles.Float),
            ModelId: Required(text, ImageMetadataKeys.ModelId, path),
            Latents: text.GetValueOrDefault(ImageMetadataKeys.Latents))
        {
            BaseSeed = text.ContainsKey(ImageMetadataKeys.BaseSeed)
                ? Parse<ulong>(text, ImageMetadataKeys.BaseSeed, path, NumberStyles.None)
                : null,
            PackageSha256 = text.GetValueOrDefault(ImageMetadataKeys.PackageSha256),
            GuidanceCutoff = text.ContainsKey(ImageMetadataKeys.GuidanceCutoff)
                ? Parse<int>(text, ImageMetadataKeys.GuidanceCutoff, path, NumberStyles.None)
                : 0,
            KaleidoVersion = text.GetValueOrDefault(ImageMetadataKeys.KaleidoVersion),
        };
    }

    private static string Required(Dictionary<string, string> text, string key, string path) =>
        text.TryGetValue(key, out string? value)
            ? value
            : throw new ImageMetadataException($"'{path}' has no '{key}' text entry; was it written by Kaleido?");

    private static T Parse<T>(Dictionary<string, string> text, string key, string path, NumberStyles style)
        where T : INumberBase<T>
    {
        string value = Required(text, key, path);
        return T.TryParse(value, style, CultureInfo.InvariantCulture, out T? parsed)
            ? parsed
            : throw new ImageMetadataException($"'{path}' has '{key}' = '{value}', which is not a valid {typeof(T).Name}.");
    }
}

using System.Text;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Cli.Output;

/// <summary>
/// The bytes of one rendered image's files — the PNG with its metadata, its latents document — made in memory so
/// that <see cref="OutputFolder"/> can hash them before they are renamed into place.
/// </summary>
static class ImageFiles
{
    /// <summary>The PNG of <paramref name="rendered"/>, exactly as <see cref="PngImageWriter"/> writes it.</summary>
    public static byte[] EncodePng(RenderedImage rendered)
    {
        using Image<Rgb24> image = TensorImage.ToImage(rendered.Pixels, rendered.Side, rendered.Side);
        using var buffer = new MemoryStream();
        PngImageWriter.Write(image, rendered.Metadata, buffer);
        return buffer.ToArray();
    }

    /// <summary>The latents document as canonical, indented JSON (docs/latents.md).</summary>
    public static byte[] EncodeLatents(LatentsDocument document) => Utf8(LatentsDocumentWriter.Write(document, indented: true));

    /// <summary>UTF-8 text without a byte order mark.</summary>
    public static byte[] Utf8(string text) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
}

using Kaleido.Runtime.Files;
using System.Text;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Cli.Output;

/// <summary>Writes one rendered image's files, each atomically: the PNG with its metadata, and its latents document.</summary>
static class ImageFiles
{
    /// <summary>The PNG at <paramref name="pngPath"/>; returns its pixels for the contact sheet (the caller disposes them).</summary>
    public static Image<Rgb24> WritePng(RenderedImage rendered, string pngPath)
    {
        Image<Rgb24> image = TensorImage.ToImage(rendered.Pixels, rendered.Side, rendered.Side);
        try
        {
            PngImageWriter.Write(image, rendered.Metadata, pngPath);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>The latents document as canonical, indented JSON (docs/latents.md).</summary>
    public static void WriteLatents(LatentsDocument document, string path) =>
        WriteText(path, LatentsDocumentWriter.Write(document, indented: true));

    /// <summary>UTF-8 text without a byte order mark.</summary>
    public static void WriteText(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;

namespace Kaleido.Runtime.Imaging;

/// <summary>
/// The one ImageSharp configuration kaleido makes, loads and identifies images with: PNG only. A file of another
/// format is "not a PNG" without its decoder ever running on it, and, since nothing reaches ImageSharp's
/// <c>Configuration.Default</c> (every format), the Native AOT executable leaves the other codecs out (docs/build.md).
/// </summary>
public static class PngConfiguration
{
    public static Configuration Instance { get; } = new(new PngConfigurationModule());
}

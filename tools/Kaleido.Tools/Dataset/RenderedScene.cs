using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Dataset;

/// <summary>
/// A rendered scene: the anti-aliased RGB image and, at the supersampled resolution, which object
/// (if any) is visible at each sample — the per-object binary masks the latents are measured on.
/// </summary>
public sealed class RenderedScene
{
    internal RenderedScene(Scene scene, int side, int supersample, byte[] pixels, byte[] labels)
    {
        Scene = scene;
        Side = side;
        Supersample = supersample;
        Pixels = pixels;
        Labels = labels;
    }

    public Scene Scene { get; }

    /// <summary>Image width and height in pixels.</summary>
    public int Side { get; }

    /// <summary>Samples per pixel along each axis.</summary>
    public int Supersample { get; }

    /// <summary>Mask width and height: Side * Supersample.</summary>
    public int MaskSide => Side * Supersample;

    /// <summary>RGB bytes, [Side, Side, 3] row-major, y down.</summary>
    public byte[] Pixels { get; }

    /// <summary>[MaskSide, MaskSide]: 0 for background, i + 1 where object i is the visible one.</summary>
    public byte[] Labels { get; }

    /// <summary>Object <paramref name="objectIndex"/>'s visible mask, [MaskSide, MaskSide].</summary>
    public bool[] ObjectMask(int objectIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(objectIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(objectIndex, Scene.Objects.Count);
        byte label = (byte)(objectIndex + 1);
        var mask = new bool[Labels.Length];
        for (int i = 0; i < mask.Length; i++)
            mask[i] = Labels[i] == label;
        return mask;
    }

    public Image<Rgb24> ToImage() => Image.LoadPixelData<Rgb24>(Pixels, Side, Side);

    /// <summary>8-bit RGB PNG; ImageSharp writes no time stamp, so the bytes depend on the pixels only.</summary>
    public void SavePng(Stream stream)
    {
        using Image<Rgb24> image = ToImage();
        image.SaveAsPng(stream, PngFormatSettings);
    }

    internal static readonly PngEncoder PngFormatSettings = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
    };
}

using static TorchSharp.torch;

namespace Kaleido.Export.Evaluation;

/// <summary>Turns RGB bytes into the classifier's input: [B, 3, S, S] float in [−1, 1] (byte/127.5 − 1).</summary>
public static class ImageTensors
{
    public static Tensor FromPixels(IReadOnlyList<byte[]> pixels, int side)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int plane = side * side;
        var values = new float[pixels.Count * 3 * plane];
        for (int b = 0; b < pixels.Count; b++)
        {
            if (pixels[b].Length != plane * 3)
                throw new ArgumentException($"Image {b} has {pixels[b].Length} bytes; a {side}×{side} RGB image has {plane * 3}.", nameof(pixels));
            for (int p = 0; p < plane; p++)
            {
                for (int c = 0; c < 3; c++)
                    values[(b * 3 + c) * plane + p] = pixels[b][p * 3 + c] / 127.5f - 1; // HWC → CHW
            }
        }
        return tensor(values, [pixels.Count, 3, side, side]);
    }
}

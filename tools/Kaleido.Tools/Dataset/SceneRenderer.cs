namespace Kaleido.Tools.Dataset;

/// <summary>
/// Renders a scene by supersampling: each pixel is the mean of Supersample x Supersample point
/// samples (anti-aliasing); each sample shows the last-drawn object containing it, else the background.
/// </summary>
public static class SceneRenderer
{
    /// <summary>16 samples per pixel: smooth edges at 32x32, and masks 4x finer than the image.</summary>
    public const int DefaultSupersample = 4;

    public static RenderedScene Render(Scene scene, int side, int supersample = DefaultSupersample)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(supersample);

        // 1. Which object each sample shows.
        int maskSide = side * supersample;
        var labels = new byte[maskSide * maskSide];
        ShapeFrame[] frames = scene.Objects.Select(shape => new ShapeFrame(shape)).ToArray();
        for (int sy = 0; sy < maskSide; sy++)
        {
            double v = (sy + 0.5) / maskSide;
            for (int sx = 0; sx < maskSide; sx++)
            {
                double u = (sx + 0.5) / maskSide;
                for (int i = frames.Length - 1; i >= 0; i--)
                {
                    if (frames[i].Contains(u, v))
                    {
                        labels[sy * maskSide + sx] = (byte)(i + 1);
                        break;
                    }
                }
            }
        }

        // 2. Each pixel: the rounded mean of its samples' colours. [side, side, 3]
        NamedColor tone = Palette.TextureTone(scene.Background);
        int samples = supersample * supersample;
        var pixels = new byte[side * side * 3];
        for (int py = 0; py < side; py++)
        {
            for (int px = 0; px < side; px++)
            {
                int r = 0, g = 0, b = 0;
                for (int j = 0; j < supersample; j++)
                {
                    int sy = py * supersample + j;
                    for (int i = 0; i < supersample; i++)
                    {
                        int sx = px * supersample + i;
                        int label = labels[sy * maskSide + sx];
                        NamedColor color = label > 0
                            ? scene.Objects[label - 1].Color
                            : scene.Style.IsTextureTone((sx + 0.5) / maskSide, (sy + 0.5) / maskSide) ? tone : scene.Background;
                        r += color.R;
                        g += color.G;
                        b += color.B;
                    }
                }
                int at = (py * side + px) * 3;
                pixels[at] = (byte)((r + samples / 2) / samples);
                pixels[at + 1] = (byte)((g + samples / 2) / samples);
                pixels[at + 2] = (byte)((b + samples / 2) / samples);
            }
        }
        return new RenderedScene(scene, side, supersample, pixels, labels);
    }
}

using Kaleido.Runtime.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Tests.Imaging;

public class OverlayRasterizerTests
{
    private static readonly Rgb24 Red = new(255, 0, 0);

    private static Image<Rgb24> Noise(int width, int height, int seed)
    {
        // Random background with no pure red, so drawn pixels are recognisable and untouched ones checkable.
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)random.Next(200), (byte)random.Next(256), (byte)random.Next(256));
        return image;
    }

    private static bool[,] Painted(Image<Rgb24> image)
    {
        var painted = new bool[image.Width, image.Height];
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                painted[x, y] = image[x, y] == Red;
        return painted;
    }

    [Fact]
    public void DrawBox_ColoursTheOutline_AndLeavesEverythingElse()
    {
        using Image<Rgb24> image = Noise(64, 48, seed: 1);
        using Image<Rgb24> before = image.Clone();

        OverlayRasterizer.DrawBox(image, new NormalizedBox(250, 250, 750, 750), Red);

        // x: 250·64/1000 = 16 → column 16; 750·64/1000 = 48 → last covered column 47.
        // y: 250·48/1000 = 12 → row 12; 750·48/1000 = 36 → last covered row 35.
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++)
            {
                bool insideSpan = x >= 16 && x <= 47 && y >= 12 && y <= 35;
                bool onOutline = insideSpan && (x == 16 || x == 47 || y == 12 || y == 35);
                Assert.Equal(onOutline ? Red : before[x, y], image[x, y]);
            }
    }

    [Fact]
    public void DrawBox_FractionalEdges_CoverPartlyCoveredPixels()
    {
        using Image<Rgb24> image = Noise(10, 10, seed: 2);

        OverlayRasterizer.DrawBox(image, new NormalizedBox(125, 0, 875, 1000), Red);

        // 1.25 px → column 1 (partly covered), 8.75 px → column 8; rows 0..9.
        Assert.Equal(Red, image[1, 5]);
        Assert.Equal(Red, image[8, 5]);
        Assert.Equal(Red, image[4, 0]);
        Assert.Equal(Red, image[4, 9]);
        Assert.NotEqual(Red, image[0, 5]);
        Assert.NotEqual(Red, image[9, 5]);
        Assert.NotEqual(Red, image[4, 5]);
    }

    [Fact]
    public void DrawEllipse_ThetaZeroAndNinety_GiveTransposedPatternsOnASquareImage()
    {
        using Image<Rgb24> horizontal = Noise(80, 80, seed: 3);
        using Image<Rgb24> vertical = Noise(80, 80, seed: 3);

        OverlayRasterizer.DrawEllipse(horizontal, new NormalizedEllipse(437.5, 437.5, 300, 130, 0), Red);
        OverlayRasterizer.DrawEllipse(vertical, new NormalizedEllipse(437.5, 437.5, 300, 130, 90), Red);

        bool[,] h = Painted(horizontal), v = Painted(vertical);
        int count = 0;
        for (int y = 0; y < 80; y++)
            for (int x = 0; x < 80; x++)
            {
                Assert.Equal(h[x, y], v[y, x]);
                if (h[x, y]) count++;
            }

        Assert.True(count > 100, $"only {count} pixels drawn"); // perimeter ≈ 120 px
        // The rightmost point, (737.5, 437.5) → (59.0, 35.0) px, sits on a pixel corner: the curve
        // only touches column 59 there and crosses pixel (58, 35) just left of it.
        Assert.True(h[58, 35], "the pixel just left of the tip is drawn");
        Assert.False(h[60, 35], "nothing right of the tip is drawn");
    }

    [Theory]
    [InlineData(64, 64, 500, 500, 300, 120, 30)]
    [InlineData(64, 64, 400, 600, 250, 250, 0)]
    [InlineData(96, 64, 520, 480, 350, 100, 135)]   // non-square: stretched with the coordinates
    [InlineData(50, 70, 300, 300, 280, 40, 172.5)]  // thin, partly outside the image
    public void DrawEllipse_OutlineLiesOnTheAnalyticEllipse_WithoutGaps(
        int width, int height, double xc, double yc, double rMajor, double rMinor, double theta)
    {
        using Image<Rgb24> image = Noise(width, height, seed: 4);

        OverlayRasterizer.DrawEllipse(image, new NormalizedEllipse(xc, yc, rMajor, rMinor, theta), Red);

        // The analytic curve in pixel coordinates, densely sampled (independent parametric form).
        const int Samples = 20_000;
        double t0 = theta * Math.PI / 180, sx = width / 1000.0, sy = height / 1000.0;
        var curve = new (double X, double Y)[Samples];
        for (int k = 0; k < Samples; k++)
        {
            double t = 2 * Math.PI * k / Samples;
            double u = rMajor * Math.Cos(t), v = rMinor * Math.Sin(t);
            curve[k] = ((xc + u * Math.Cos(t0) - v * Math.Sin(t0)) * sx, (yc + u * Math.Sin(t0) + v * Math.Cos(t0)) * sy);
        }

        bool[,] painted = Painted(image);

        // Every drawn pixel's centre is within ~1 px of the curve (√2/2 when the curve crosses the pixel).
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (!painted[x, y]) continue;
                double nearest = curve.Min(p => Math.Sqrt((p.X - x - 0.5) * (p.X - x - 0.5) + (p.Y - y - 0.5) * (p.Y - y - 0.5)));
                Assert.True(nearest <= 0.72, $"pixel ({x}, {y}) is {nearest:F3} px from the ellipse");
            }

        // No gaps: every on-image curve point has a drawn pixel at or next to its own.
        foreach ((double px, double py) in curve)
        {
            int cx = (int)Math.Floor(px), cy = (int)Math.Floor(py);
            if (cx < 0 || cy < 0 || cx >= width || cy >= height) continue;
            bool near = false;
            for (int dy = -1; dy <= 1 && !near; dy++)
                for (int dx = -1; dx <= 1 && !near; dx++)
                {
                    int nx = cx + dx, ny = cy + dy;
                    near = nx >= 0 && ny >= 0 && nx < width && ny < height && painted[nx, ny];
                }

            Assert.True(near, $"curve point ({px:F2}, {py:F2}) has no drawn pixel within one");
        }
    }

    [Fact]
    public void DrawEllipse_SmallerThanAPixel_StillMarksTheCentre()
    {
        using Image<Rgb24> image = Noise(20, 20, seed: 5);

        OverlayRasterizer.DrawEllipse(image, new NormalizedEllipse(512, 512, 2, 1, 45), Red);

        Assert.Equal(Red, image[10, 10]);
    }

    [Fact]
    public void Geometry_OutOfRange_ThrowsNamingTheValue()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizedBox(-1, 0, 10, 10));
        Assert.Throws<ArgumentException>(() => new NormalizedBox(500, 0, 400, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizedEllipse(500, 500, 100, 50, 180));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizedEllipse(500, 500, 0, 50, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalizedEllipse(500, double.NaN, 10, 5, 0));
    }
}

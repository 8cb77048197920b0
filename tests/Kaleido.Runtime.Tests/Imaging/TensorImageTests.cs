using Kaleido.Runtime.Imaging;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Tests.Imaging;

public class TensorImageTests
{
    [Fact]
    public void ToImage_PlacesChannelsRowsAndColumns()
    {
        const int H = 5, W = 7;
        var chw = new float[3 * H * W];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                    chw[(c * H + y) * W + x] = ((c * 50 + y * 7 + x) - 127) / 128f; // byte value c·50 + 7y + x

        using var image = TensorImage.ToImage(chw, H, W);

        Assert.Equal(W, image.Width);
        Assert.Equal(H, image.Height);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                Assert.Equal(new Rgb24((byte)(y * 7 + x), (byte)(50 + y * 7 + x), (byte)(100 + y * 7 + x)), image[x, y]);
    }

    [Fact]
    public void ToTensor_ThenToImage_RoundTripsRandomPixels()
    {
        const int H = 9, W = 4;
        var random = new Random(3);
        using var original = new SixLabors.ImageSharp.Image<Rgb24>(W, H);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                original[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

        var chw = new float[3 * H * W];
        TensorImage.ToTensor(original, chw);
        using var back = TensorImage.ToImage(chw, H, W);

        Assert.Equal((original[2, 5].G - 127) / 128f, chw[(1 * H + 5) * W + 2]); // G plane, y 5, x 2
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                Assert.Equal(original[x, y], back[x, y]);
    }

    [Fact]
    public void ToImage_WrongLengthOrNaN_ThrowsNamingTheProblem()
    {
        var wrong = new float[3 * 4 * 4 - 1];
        var exception = Assert.Throws<ArgumentException>(() => TensorImage.ToImage(wrong, 4, 4));
        Assert.Contains("[3, 4, 4]", exception.Message);

        var withNaN = new float[3 * 2 * 2];
        withNaN[(2 * 2 + 1) * 2 + 0] = float.NaN; // channel 2, y 1, x 0
        exception = Assert.Throws<ArgumentException>(() => TensorImage.ToImage(withNaN, 2, 2));
        Assert.Contains("channel 2, y 1, x 0", exception.Message);
    }
}

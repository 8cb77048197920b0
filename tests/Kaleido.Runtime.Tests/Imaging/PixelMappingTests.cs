using Kaleido.Runtime.Imaging;

namespace Kaleido.Runtime.Tests.Imaging;

public class PixelMappingTests
{
    // Expected bytes worked out by hand from uint8 = trunc(clamp(x·128 + 127, 0, 255)).
    [Theory]
    [InlineData(-1f, 0)]                 // −128 + 127 = −1, clamps to 0
    [InlineData(1f, 255)]                // 128 + 127 = 255
    [InlineData(0f, 127)]
    [InlineData(2f, 255)]                // clamps high
    [InlineData(-2f, 0)]                 // clamps low
    [InlineData(1f / 128, 128)]          // exactly 128
    [InlineData(-1f / 128, 126)]         // exactly 126
    [InlineData(0.999f / 128, 127)]      // 127.999 truncates to 127, not rounds to 128
    [InlineData(-0.999f / 128, 126)]     // 126.001 truncates to 126
    [InlineData(0.5f / 128, 127)]        // 127.5: a cast, not round-half-even (which would give 128)
    [InlineData(127.5f / 128, 254)]      // 254.5 → 254
    [InlineData(-126.5f / 128, 0)]       // 0.5 → 0
    [InlineData(-127f / 128, 0)]         // exactly 0
    [InlineData(-126f / 128, 1)]         // exactly 1
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(float.NegativeInfinity, 0)]
    public void ToByte_EdgeAndFractionalValues(float x, int expected)
    {
        Assert.Equal(expected, PixelMapping.ToByte(x));
    }

    [Fact]
    public void ToByte_OnAGridOfExactValues_MatchesAFloorOfTheClampedValue()
    {
        // x = k/1024 keeps x·128 + 127 exact in float and double, so the reference can use doubles.
        for (int k = -2048; k <= 2048; k++)
        {
            float x = k / 1024f;
            double scaled = Math.Clamp(k / 8.0 + 127, 0, 255);
            Assert.Equal((byte)Math.Floor(scaled), PixelMapping.ToByte(x));
        }
    }

    [Fact]
    public void ToUnit_ThenToByte_RoundTripsEveryByte()
    {
        for (int b = 0; b <= 255; b++)
        {
            float unit = PixelMapping.ToUnit((byte)b);
            Assert.Equal((b - 127) / 128.0, unit); // exact in float: b − 127 is an integer below 2²⁴
            Assert.Equal(b, PixelMapping.ToByte(unit));
        }
    }

    [Fact]
    public void ToByte_NaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => PixelMapping.ToByte(float.NaN));
    }
}

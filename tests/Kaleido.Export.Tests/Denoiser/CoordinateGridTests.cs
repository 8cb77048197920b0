using Kaleido.Export.Denoiser;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Denoiser;

public sealed class CoordinateGridTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 16)]
    [InlineData(5, 12)]
    public void Channels_hold_pixel_centres_in_minus_one_to_one(int height, int width)
    {
        using var grid = CoordinateGrid.Create(height, width, CPU);
        Assert.Equal(new long[] { 1, 2, height, width }, grid.shape);
        var values = grid.data<float>().ToArray();
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
            {
                double x = -1 + (j + 0.5) * 2.0 / width, y = -1 + (i + 0.5) * 2.0 / height;
                Assert.Equal(x, values[i * width + j], 1e-6);
                Assert.Equal(y, values[height * width + i * width + j], 1e-6);
            }
    }

    [Fact]
    public void Coordinate_channels_make_a_uniform_image_give_a_position_dependent_output()
    {
        // Without them, a uniform input far from the border gives the same features at every interior pixel;
        // with them it cannot, which is the whole point.
        var config = DenoiserConfigs.Tiny with { Outer = DenoiserConfigs.Tiny.Outer with { CoordinateChannels = true } };
        using var withGrid = new NestedUNet(config);
        using var without = new NestedUNet(DenoiserConfigs.Tiny);
        withGrid.RandomizeAllParameters(seed: 5);
        without.RandomizeAllParameters(seed: 5);
        using var image = full(new long[] { 1, 3, 16, 16 }, 0.3f);
        float Spread(NestedUNet model)
        {
            using var _ = no_grad();
            var features = model.OuterInputForTests(image);
            var interior = features[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(1, 15), TensorIndex.Slice(1, 15)];
            return (interior.amax([2, 3]) - interior.amin([2, 3])).max().item<float>();
        }
        Assert.Equal(0f, Spread(without));
        Assert.True(Spread(withGrid) > 1e-2f);
    }
}

using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// The two coordinate channels of <see cref="UNetConfig.CoordinateChannels"/>: x (column) then y (row) of each
/// pixel centre, scaled to (-1, 1) so they mean the same place at every resolution of the nested model.
/// </summary>
internal static class CoordinateGrid
{
    public const int Channels = 2;

    /// <summary>[1, 2, height, width]: x_j = (2j + 1)/width - 1, y_i = (2i + 1)/height - 1.</summary>
    public static Tensor Create(long height, long width, Device device)
    {
        using var scope = NewDisposeScope();
        var x = (arange(width, ScalarType.Float32, device) * 2 + 1) / width - 1;
        var y = (arange(height, ScalarType.Float32, device) * 2 + 1) / height - 1;
        var grid = stack([x.view(1, width).expand(height, width), y.view(height, 1).expand(height, width)]);
        return grid.unsqueeze(0).contiguous().MoveToOuterDisposeScope();
    }
}

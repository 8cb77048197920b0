namespace Kaleido.Tools.Dataset;

/// <summary>
/// The patch vectors the voken codebook works on: the image box-averaged down to 32x32 RGB
/// (rounded to bytes), cut into a 4x4 grid of non-overlapping 8x8 patches, each a vector of
/// 8 * 8 * 3 = 192 values in [0, 1]. A fixed grid keeps 16 codes per image at every --size.
/// </summary>
public static class VokenPatches
{
    /// <summary>The side the image is reduced to before cutting patches.</summary>
    public const int TokenizerSide = 32;

    /// <summary>Patch side at the tokenizer side.</summary>
    public const int PatchSide = 8;

    public const int GridSide = TokenizerSide / PatchSide;

    /// <summary>Codes per image: 16.</summary>
    public const int PatchCount = GridSide * GridSide;

    /// <summary>Values per patch vector: 192.</summary>
    public const int Dimension = PatchSide * PatchSide * 3;

    /// <summary>Whether an image of this side can be reduced to 32x32 by whole blocks.</summary>
    public static bool SupportsSide(int side) => side >= TokenizerSide && side % TokenizerSide == 0;

    /// <summary>
    /// RGB bytes [side, side, 3] reduced to [32, 32, 3]: each output pixel is the rounded mean of a
    /// (side / 32)^2 block.
    /// </summary>
    public static byte[] Downsample(ReadOnlySpan<byte> rgb, int side)
    {
        if (!SupportsSide(side))
            throw new ArgumentException($"Voken patches need an image side that is a multiple of {TokenizerSide}; found {side}.", nameof(side));
        if (rgb.Length != side * side * 3)
            throw new ArgumentException($"Expected {side}x{side} RGB bytes ({side * side * 3}); found {rgb.Length}.", nameof(rgb));
        int factor = side / TokenizerSide, area = factor * factor;
        var reduced = new byte[TokenizerSide * TokenizerSide * 3];
        for (int y = 0; y < TokenizerSide; y++)
        {
            for (int x = 0; x < TokenizerSide; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int j = 0; j < factor; j++)
                    {
                        for (int i = 0; i < factor; i++)
                            sum += rgb[((y * factor + j) * side + x * factor + i) * 3 + c];
                    }
                    reduced[(y * TokenizerSide + x) * 3 + c] = (byte)((sum + area / 2) / area);
                }
            }
        }
        return reduced;
    }

    /// <summary>
    /// Writes the 16 patch vectors of a [32, 32, 3] image into <paramref name="destination"/>
    /// ([16, 192]): patches in row-major grid order, values in (row, column, channel) order, byte / 255.
    /// </summary>
    public static void Extract(ReadOnlySpan<byte> reduced, Span<float> destination)
    {
        if (reduced.Length != TokenizerSide * TokenizerSide * 3)
            throw new ArgumentException($"Expected a {TokenizerSide}x{TokenizerSide} RGB image; found {reduced.Length} bytes.", nameof(reduced));
        if (destination.Length != PatchCount * Dimension)
            throw new ArgumentException($"Expected room for {PatchCount}x{Dimension} values; found {destination.Length}.", nameof(destination));
        int at = 0;
        for (int gy = 0; gy < GridSide; gy++)
        {
            for (int gx = 0; gx < GridSide; gx++)
            {
                for (int y = 0; y < PatchSide; y++)
                {
                    int row = (gy * PatchSide + y) * TokenizerSide + gx * PatchSide;
                    for (int x = 0; x < PatchSide * 3; x++)
                        destination[at++] = reduced[row * 3 + x] / 255f;
                }
            }
        }
    }
}

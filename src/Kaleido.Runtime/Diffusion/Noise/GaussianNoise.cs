namespace Kaleido.Runtime.Diffusion.Noise;

/// <summary>
/// Standard normal noise keyed by <see cref="NoiseKey"/>: Philox-4x32-10 bits turned into N(0, 1)
/// floats by Box–Muller built on <see cref="DeterministicMath"/>. Value j of a key's stream comes
/// from counter block j / 4 only, so the stream can be filled whole, in pieces, or in parallel and
/// gives the same bits (layout and method: docs/noise.md). Allocation-free.
/// </summary>
public static class GaussianNoise
{
    /// <summary>One Philox block (four 32-bit words) gives two Box–Muller pairs.</summary>
    public const int ValuesPerBlock = 4;

    /// <summary>A stream holds 2³² blocks: the block number is one 32-bit counter word.</summary>
    public const long MaxValuesPerStream = ValuesPerBlock * (1L << 32);

    private const double TwoPowMinus32 = 1.0 / 4294967296.0;

    /// <summary>Fills <paramref name="destination"/> with values 0, 1, … of <paramref name="key"/>'s stream.</summary>
    public static void Fill(Span<float> destination, NoiseKey key) => Fill(destination, key, firstValue: 0);

    /// <summary>
    /// Fills <paramref name="destination"/> with values <paramref name="firstValue"/>, … of
    /// <paramref name="key"/>'s stream (to fill a tensor in chunks, e.g. one per thread).
    /// </summary>
    public static void Fill(Span<float> destination, NoiseKey key, long firstValue)
    {
        if (firstValue < 0 || firstValue > MaxValuesPerStream - destination.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstValue), firstValue,
                $"Values {firstValue}..{firstValue + destination.Length} do not fit a noise stream of {MaxValuesPerStream} values.");
        }

        uint key0 = (uint)key.Seed, key1 = (uint)(key.Seed >> 32);
        long block = firstValue / ValuesPerBlock;
        int skip = (int)(firstValue % ValuesPerBlock);
        int written = 0;
        while (written < destination.Length)
        {
            // Counter layout (docs/noise.md): (image index, step, resolution, block).
            var counter = new PhiloxBlock(key.ImageIndex, key.Step, key.Resolution, (uint)block);
            PhiloxBlock bits = Philox4x32.Compute(counter, key0, key1);
            (float z0, float z1) = BoxMuller(bits.W0, bits.W1);
            (float z2, float z3) = BoxMuller(bits.W2, bits.W3);

            for (int lane = skip; lane < ValuesPerBlock && written < destination.Length; lane++)
            {
                destination[written++] = lane switch { 0 => z0, 1 => z1, 2 => z2, _ => z3 };
            }

            skip = 0;
            block++;
        }
    }

    /// <summary>
    /// Fills a batch [B, …] of <paramref name="imageCount"/> equal slices: slice b gets the stream of
    /// <paramref name="firstImage"/> with image index firstImage.ImageIndex + b, exactly what a
    /// separate <see cref="Fill(Span{float}, NoiseKey)"/> of that image would give.
    /// </summary>
    public static void FillBatch(Span<float> destination, NoiseKey firstImage, int imageCount)
    {
        if (imageCount <= 0 || destination.Length % imageCount != 0)
        {
            throw new ArgumentException(
                $"A batch of {imageCount} images needs a positive count that divides the destination length {destination.Length}.",
                nameof(imageCount));
        }

        if (firstImage.ImageIndex > uint.MaxValue - (uint)(imageCount - 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstImage), firstImage.ImageIndex, $"Image indices {firstImage.ImageIndex} + {imageCount} overflow 32 bits.");
        }

        int perImage = destination.Length / imageCount;
        for (int b = 0; b < imageCount; b++)
        {
            Fill(destination.Slice(b * perImage, perImage), firstImage.ForImage(firstImage.ImageIndex + (uint)b));
        }
    }

    /// <summary>
    /// Box–Muller: with u₁ in (0, 1] and u₂ in [0, 1), r = √(−2 ln u₁), θ = 2π·u₂ gives the
    /// independent N(0, 1) pair (r cos θ, r sin θ). u₁ excludes 0 so ln never sees it; the largest
    /// |z| is √(2·32·ln 2) ≈ 6.66.
    /// </summary>
    private static (float, float) BoxMuller(uint radiusBits, uint angleBits)
    {
        double u1 = (radiusBits + 1.0) * TwoPowMinus32;
        double u2 = angleBits * TwoPowMinus32;
        double r = Math.Sqrt(-2.0 * DeterministicMath.Log(u1)); // IEEE sqrt is exactly rounded everywhere
        (double sin, double cos) = DeterministicMath.SinCosTurns(u2);
        return ((float)(r * cos), (float)(r * sin));
    }
}

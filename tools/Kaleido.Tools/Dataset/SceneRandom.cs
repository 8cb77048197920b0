namespace Kaleido.Tools.Dataset;

/// <summary>
/// A tiny PRNG (SplitMix64) of our own, so a seed gives the same dataset bytes on every .NET
/// version. Each image draws from its own stream (<see cref="ForImage"/>), so image i does not
/// depend on how many images come before or after it.
/// </summary>
public sealed class SceneRandom
{
    ulong _state;

    public SceneRandom(ulong seed) => _state = seed;

    /// <summary>The stream of image <paramref name="index"/> of a dataset with seed <paramref name="seed"/>.</summary>
    public static SceneRandom ForImage(ulong seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Mixing the seed once keeps nearby seeds (1, 2, 3) from giving overlapping streams.
        ulong mixed = new SceneRandom(seed).NextUInt64();
        return new SceneRandom(mixed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform in [0, exclusiveMax) (multiply-high; its bias of at most n/2^64 is irrelevant here).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)Math.BigMul(NextUInt64(), (ulong)exclusiveMax, out _);
    }

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];
}

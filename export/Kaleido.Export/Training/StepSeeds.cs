namespace Kaleido.Export.Training;

/// <summary>
/// Seeds derived from (run seed, step, purpose) with SplitMix64, so every step's random draws (shuffle,
/// noise, timesteps, caption dropout) are a pure function of the step: a resumed run draws the same numbers.
/// </summary>
public static class StepSeeds
{
    /// <summary>Purpose tag of the per-step torch generator (noise, timesteps, dropout).</summary>
    public const ulong StepNoise = 0x7071_5E_ED;

    /// <summary>The seed of step <paramref name="step"/>'s torch generator.</summary>
    public static ulong ForStep(ulong seed, long step) => Mix(seed, (ulong)step, StepNoise);

    /// <summary>Mixes three words into one well-spread 64-bit seed.</summary>
    public static ulong Mix(ulong a, ulong b, ulong c)
    {
        ulong state = a;
        ulong x = SplitMix64(ref state) ^ b;
        state = x;
        x = SplitMix64(ref state) ^ c;
        state = x;
        return SplitMix64(ref state);
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

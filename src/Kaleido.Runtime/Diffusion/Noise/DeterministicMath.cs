namespace Kaleido.Runtime.Diffusion.Noise;

/// <summary>
/// Logarithm and sine/cosine built only from +, −, ×, ÷ and bit manipulation, evaluated in a fixed
/// order, so they return the same bits on every platform and runtime (the platform libm may not).
/// Accuracy (docs/noise.md): a few ulp, checked against Math.* in the tests.
/// </summary>
public static class DeterministicMath
{
    // ln 2 split so that k·Ln2High is exact for |k| < 2^11 (Cody–Waite); Ln2High + Ln2Low = ln 2 to ~1e-26.
    private const double Ln2High = 6.93147180369123816490e-01; // 0x3FE62E42FEE00000
    private const double Ln2Low = 1.90821492927058770002e-10;  // 0x3DEA39EF35793C76
    private const double Sqrt2 = 1.4142135623730951;
    private const double TwoPow54 = 18014398509481984.0;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double HalfPi = 1.5707963267948966;

    /// <summary>Natural logarithm. Same special values as Math.Log: NaN for x &lt; 0 or NaN, −∞ for 0, +∞ for +∞.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;

        // 1. x = m·2^k with m in [1, 2), read from the bits (exact); subnormals are scaled up first.
        int extraExponent = 0;
        if (x < SmallestNormal)
        {
            x *= TwoPow54;
            extraExponent = -54;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int k = (int)((bits >> 52) & 0x7FF) - 1023 + extraExponent;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);

        // 2. Centre m on 1: m in (√½, √2], so s below stays ≤ 0.1716.
        if (m > Sqrt2)
        {
            m *= 0.5;
            k += 1;
        }

        // 3. With f = m − 1 (exact, Sterbenz) and s = f/(2 + f): ln m = 2·atanh(s) = 2s + s·R,
        //    R = 2s²/3 + 2s⁴/5 + … . Since 2s = f − f·s and f·s = f²/2 − s·f²/2, this is
        //    ln m = f − (f²/2 − s·(f²/2 + R)): the exact f leads and rounding only touches the small
        //    correction. With s² ≤ 0.0295, terms past 2s²²/23 are below 1e-18 relative.
        double f = m - 1;
        double s = f / (2 + f);
        double z = s * s;
        double r = 2.0 / 23;
        r = 2.0 / 21 + z * r;
        r = 2.0 / 19 + z * r;
        r = 2.0 / 17 + z * r;
        r = 2.0 / 15 + z * r;
        r = 2.0 / 13 + z * r;
        r = 2.0 / 11 + z * r;
        r = 2.0 / 9 + z * r;
        r = 2.0 / 7 + z * r;
        r = 2.0 / 5 + z * r;
        r = 2.0 / 3 + z * r;
        r *= z;
        double halfFSquared = 0.5 * f * f;

        // 4. ln x = k·ln 2 + ln m; k·Ln2High is exact, the small parts are added first.
        return k * Ln2High + (f - (halfFSquared - (s * (halfFSquared + r) + k * Ln2Low)));
    }

    /// <summary>
    /// sin(2π·t) and cos(2π·t) for a phase <paramref name="turns"/> t in turns. Taking the phase in
    /// turns makes the range reduction exact: t·4 splits into a quadrant and a remainder with no
    /// rounding, so sin/cos of quarter turns are exact (0, ±1).
    /// </summary>
    public static (double Sin, double Cos) SinCosTurns(double turns)
    {
        if (!double.IsFinite(turns) || Math.Abs(turns) > 1e15)
        {
            throw new ArgumentOutOfRangeException(nameof(turns), turns, "Expected a finite phase of magnitude at most 1e15 turns.");
        }

        // 1. 2π·t = (π/2)·(q + r) with q an integer quadrant and |r| ≤ ½; both steps are exact.
        double quarterTurns = turns * 4;
        double q = Math.Round(quarterTurns, MidpointRounding.ToEven);
        double r = quarterTurns - q;
        double a = r * HalfPi; // |a| ≤ π/4

        // 2. Taylor series on |a| ≤ π/4, Horner in a²: the first omitted terms, a¹⁹/19! and a²⁰/20!,
        //    are below 1e-19.
        double a2 = a * a;
        double sinA = 1.0 / 355687428096000;       // +1/17!
        sinA = -1.0 / 1307674368000 + a2 * sinA;   // −1/15!
        sinA = 1.0 / 6227020800 + a2 * sinA;       // +1/13!
        sinA = -1.0 / 39916800 + a2 * sinA;        // −1/11!
        sinA = 1.0 / 362880 + a2 * sinA;           // +1/9!
        sinA = -1.0 / 5040 + a2 * sinA;            // −1/7!
        sinA = 1.0 / 120 + a2 * sinA;              // +1/5!
        sinA = -1.0 / 6 + a2 * sinA;               // −1/3!
        sinA = a + a * (a2 * sinA);

        double cosA = -1.0 / 6402373705728000;     // −1/18!
        cosA = 1.0 / 20922789888000 + a2 * cosA;   // +1/16!
        cosA = -1.0 / 87178291200 + a2 * cosA;     // −1/14!
        cosA = 1.0 / 479001600 + a2 * cosA;        // +1/12!
        cosA = -1.0 / 3628800 + a2 * cosA;         // −1/10!
        cosA = 1.0 / 40320 + a2 * cosA;            // +1/8!
        cosA = -1.0 / 720 + a2 * cosA;             // −1/6!
        cosA = 1.0 / 24 + a2 * cosA;               // +1/4!
        cosA = -0.5 + a2 * cosA;                   // −1/2!
        cosA = 1 + a2 * cosA;

        // 3. Rotate by the quadrant: sin(qπ/2 + a), cos(qπ/2 + a).
        return ((long)q & 3) switch
        {
            0 => (sinA, cosA),
            1 => (cosA, -sinA),
            2 => (-sinA, -cosA),
            _ => (-cosA, sinA),
        };
    }
}

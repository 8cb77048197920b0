using System.Runtime.InteropServices;
using Kaleido.Runtime.Diffusion.Noise;

namespace Kaleido.Runtime.Tests.Diffusion.Noise;

public class GaussianNoiseTests
{
    private static readonly NoiseKey BaseKey = new(Seed: 0x0123_4567_89AB_CDEFUL, ImageIndex: 3, Step: 17, Resolution: 64);

    private static float[] Draw(NoiseKey key, int count)
    {
        var values = new float[count];
        GaussianNoise.Fill(values, key);
        return values;
    }

    [Fact]
    public void Fill_MillionSamples_HaveStandardNormalMoments()
    {
        const int N = 1_000_000;
        float[] z = Draw(BaseKey, N);

        double mean = z.Average(v => (double)v);
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (float v in z)
        {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }

        m2 /= N;
        m3 /= N;
        m4 /= N;
        double skew = m3 / Math.Pow(m2, 1.5);
        double kurtosis = m4 / (m2 * m2);

        // Tolerances are 5 standard errors for N(0, 1) with N = 10⁶: mean √(1/N) = 0.001,
        // variance √(2/N) ≈ 0.00141, skewness √(6/N) ≈ 0.00245, kurtosis √(24/N) ≈ 0.0049.
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(m2, 1 - 0.00707, 1 + 0.00707);
        Assert.InRange(skew, -0.0123, 0.0123);
        Assert.InRange(kurtosis, 3 - 0.0245, 3 + 0.0245);
    }

    [Fact]
    public void Fill_MillionSamples_PassKolmogorovSmirnovAgainstStandardNormal()
    {
        const int N = 1_000_000;
        float[] z = Draw(BaseKey with { Seed = 42 }, N);
        Array.Sort(z);

        double d = 0;
        for (int i = 0; i < N; i++)
        {
            double cdf = StandardNormalCdf(z[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / N - cdf, cdf - (double)i / N));
        }

        // Critical value at α = 0.001 is 1.949/√N ≈ 0.00195; the CDF approximation below is good to 1.5e-7.
        Assert.True(d < 1.949 / Math.Sqrt(N), $"KS statistic {d}");
    }

    [Fact]
    public void Fill_MillionSamples_HaveNormalTailMass()
    {
        const int N = 1_000_000;
        float[] z = Draw(BaseKey with { Step = 0 }, N);

        int beyondThree = z.Count(v => Math.Abs(v) > 3);

        // P(|Z| > 3) = 0.0026998; count ~ Binomial(N, p): mean 2699.8, sd ≈ 51.9; allow 5 sd.
        Assert.InRange(beyondThree, 2700 - 260, 2700 + 260);
        Assert.All(z, v => Assert.True(Math.Abs(v) < 6.67f)); // Box–Muller with 32-bit u₁ caps |z| at √(64 ln 2)
    }

    [Fact]
    public void Fill_SameKeyTwice_GivesIdenticalBits()
    {
        float[] first = Draw(BaseKey, 10_001);
        float[] second = Draw(BaseKey, 10_001);

        Assert.True(MemoryMarshal.AsBytes(first.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(second.AsSpan())));
    }

    [Fact]
    public void FillBatch_OfEight_EqualsEightSeparateFills()
    {
        const int PerImage = 3 * 16 * 16 + 1; // odd length: images do not start on a block boundary
        var batch = new float[8 * PerImage];
        NoiseKey first = BaseKey with { ImageIndex = 5 };

        GaussianNoise.FillBatch(batch, first, imageCount: 8);

        for (uint i = 0; i < 8; i++)
        {
            float[] alone = Draw(first with { ImageIndex = 5 + i }, PerImage);
            Assert.True(batch.AsSpan((int)i * PerImage, PerImage).SequenceEqual(alone), $"image {5 + i}");
        }
    }

    [Fact]
    public void FillBatch_ImageNoise_DoesNotDependOnBatchSizeOrPosition()
    {
        const int PerImage = 300;
        var bigBatch = new float[8 * PerImage];
        var smallBatch = new float[3 * PerImage];
        GaussianNoise.FillBatch(bigBatch, BaseKey with { ImageIndex = 0 }, 8);
        GaussianNoise.FillBatch(smallBatch, BaseKey with { ImageIndex = 4 }, 3);

        // Image 5 is slot 5 of the big batch and slot 1 of the small one.
        Assert.True(bigBatch.AsSpan(5 * PerImage, PerImage).SequenceEqual(smallBatch.AsSpan(1 * PerImage, PerImage)));
    }

    [Fact]
    public void Fill_InChunksOrInParallel_EqualsOneFill()
    {
        const int N = 100_003;
        float[] whole = Draw(BaseKey, N);

        var chunked = new float[N];
        int offset = 0, size = 1;
        while (offset < N)
        {
            int length = Math.Min(size, N - offset);
            GaussianNoise.Fill(chunked.AsSpan(offset, length), BaseKey, offset);
            offset += length;
            size = size * 3 + 1; // 1, 4, 13, …: chunk edges fall at every offset within a block
        }

        var parallel = new float[N];
        const int Chunks = 7;
        Parallel.For(0, Chunks, c =>
        {
            int start = (int)((long)N * c / Chunks), end = (int)((long)N * (c + 1) / Chunks);
            GaussianNoise.Fill(parallel.AsSpan(start, end - start), BaseKey, start);
        });

        Assert.Equal(whole, chunked);
        Assert.Equal(whole, parallel);
    }

    [Fact]
    public void Fill_EachKeyField_GivesAnUncorrelatedStream()
    {
        const int N = 100_000;
        float[] reference = Draw(BaseKey, N);
        NoiseKey[] variants =
        [
            BaseKey with { Seed = BaseKey.Seed + 1 },
            BaseKey with { Seed = BaseKey.Seed ^ (1UL << 40) },
            BaseKey with { ImageIndex = BaseKey.ImageIndex + 1 },
            BaseKey with { Step = BaseKey.Step + 1 },
            BaseKey with { Resolution = 256 },
        ];

        foreach (NoiseKey variant in variants)
        {
            float[] other = Draw(variant, N);
            int equal = 0;
            double dot = 0;
            for (int i = 0; i < N; i++)
            {
                if (other[i] == reference[i]) equal++;
                dot += (double)other[i] * reference[i];
            }

            // For independent N(0, 1) streams the correlation has sd 1/√N ≈ 0.0032; allow 5 sd.
            Assert.True(equal < 5, $"{variant}: {equal} equal values");
            Assert.InRange(dot / N, -0.0158, 0.0158);
        }
    }

    [Fact]
    public void Fill_DoesNotAllocate()
    {
        var buffer = new float[4099];
        GaussianNoise.FillBatch(buffer, BaseKey, 1); // warm up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        GaussianNoise.Fill(buffer, BaseKey, firstValue: 3);
        GaussianNoise.FillBatch(buffer, BaseKey, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Fill_PastTheEndOfTheStream_Throws()
    {
        var buffer = new float[8];

        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.Fill(buffer, BaseKey, firstValue: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.Fill(buffer, BaseKey, GaussianNoise.MaxValuesPerStream - 4));
        GaussianNoise.Fill(buffer, BaseKey, GaussianNoise.MaxValuesPerStream - 8); // the last values are fine
    }

    [Fact]
    public void FillBatch_CountNotDividingTheLength_Throws()
    {
        var buffer = new float[10];

        Assert.Throws<ArgumentException>(() => GaussianNoise.FillBatch(buffer, BaseKey, 3));
        Assert.Throws<ArgumentException>(() => GaussianNoise.FillBatch(buffer, BaseKey, 0));
    }

    /// <summary>Φ(x) = ½·erfc(−x/√2), with erf from Abramowitz &amp; Stegun 7.1.26 (|error| ≤ 1.5e-7).</summary>
    private static double StandardNormalCdf(double x)
    {
        double u = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * u);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.Exp(-u * u);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}

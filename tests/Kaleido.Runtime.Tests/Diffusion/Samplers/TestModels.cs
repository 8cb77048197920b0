using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Samplers;

namespace Kaleido.Runtime.Tests.Diffusion.Samplers;

/// <summary>
/// A model that knows the answer: for table index t = modelTime + 1 it derives ε = (x_t − √γ·x0)/√(1−γ) from
/// the x_t it is given and returns the true v = √γ·ε − √(1−γ)·x0 (architecture-facts §1). Unconditional rows
/// get <c>unconditionalX0</c>, conditional rows <c>conditionalX0</c>. γ comes from the test's own tables.
/// </summary>
internal sealed class OracleVelocityModel(double[][] gammaTables, float[][] conditionalX0, float[][]? unconditionalX0 = null)
    : IVelocityModel
{
    public int Calls { get; private set; }
    public GuidanceBatchLayout? LastLayout { get; private set; }

    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        Calls++;
        LastLayout = layout;
        for (int r = 0; r < xt.Length; r++)
        {
            double gamma = gammaTables[r][modelTime + 1];
            ReadOnlySpan<float> input = xt[r].Span;
            Span<float> output = velocity[r].Span;
            int batchValues = conditionalX0[r].Length;
            if (layout == GuidanceBatchLayout.ConditionalOnly)
            {
                RequireRows(batchValues, input.Length);
                TrueVelocity(input, conditionalX0[r], gamma, output);
            }
            else
            {
                RequireRows(2 * batchValues, input.Length);
                TrueVelocity(input[..batchValues], unconditionalX0![r], gamma, output[..batchValues]);
                TrueVelocity(input[batchValues..], conditionalX0[r], gamma, output[batchValues..]);
            }
        }
    }

    // A plain check rather than Assert.Equal, which allocates and would spoil the allocation test.
    static void RequireRows(int expected, int actual)
    {
        if (expected != actual)
            throw new InvalidOperationException($"The model got {actual} values; expected {expected}.");
    }

    static void TrueVelocity(ReadOnlySpan<float> xt, float[] x0, double gamma, Span<float> v)
    {
        for (int i = 0; i < v.Length; i++)
        {
            double epsilon = (xt[i] - Math.Sqrt(gamma) * x0[i]) / Math.Sqrt(1 - gamma);
            v[i] = (float)(Math.Sqrt(gamma) * epsilon - Math.Sqrt(1 - gamma) * x0[i]);
        }
    }
}

/// <summary>A made-up model, v = a·x_t + b per half (unconditional a, b then conditional a, b); row-wise, so batch-free.</summary>
internal sealed class AffineVelocityModel(double uncondA, double uncondB, double condA, double condB) : IVelocityModel
{
    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        for (int r = 0; r < xt.Length; r++)
        {
            ReadOnlySpan<float> input = xt[r].Span;
            Span<float> output = velocity[r].Span;
            int half = layout == GuidanceBatchLayout.ConditionalOnly ? 0 : input.Length / 2;
            for (int i = 0; i < input.Length; i++)
                output[i] = i < half ? (float)(uncondA * input[i] + uncondB) : (float)(condA * input[i] + condB);
        }
    }
}

/// <summary>Passes every call on and records its layout, one per step.</summary>
internal sealed class LayoutRecordingModel(IVelocityModel inner) : IVelocityModel
{
    public List<GuidanceBatchLayout> Layouts { get; } = [];

    public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
    {
        Layouts.Add(layout);
        inner.PredictVelocity(modelTime, xt, velocity, layout);
    }
}

/// <summary>
/// Standard normal draws from a hash of (step, resolution, sample + offset, element): no state, no allocation,
/// and the same values for a sample whatever batch it runs in.
/// </summary>
internal sealed class HashNoiseSource(ulong seed, int sampleOffset = 0) : IStepNoiseSource
{
    /// <summary>x_T: the draws of step −1.</summary>
    public void FillStart(int resolutionIndex, int sampleIndex, Span<float> xT) => Fill(-1, resolutionIndex, sampleIndex, xT);

    public void Fill(int stepIndex, int resolutionIndex, int sampleIndex, Span<float> z)
    {
        for (int i = 0; i < z.Length; i++)
            z[i] = Draw(stepIndex, resolutionIndex, sampleIndex + sampleOffset, i);
    }

    public float Draw(int stepIndex, int resolutionIndex, int sampleIndex, int element)
    {
        ulong key = seed ^ ((ulong)stepIndex << 40) ^ ((ulong)resolutionIndex << 32) ^ ((ulong)sampleIndex << 20) ^ (ulong)element;
        double u1 = (Mix(key) >> 11) * (1.0 / (1UL << 53));
        double u2 = (Mix(key ^ 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));
        return (float)(Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2));
    }

    static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

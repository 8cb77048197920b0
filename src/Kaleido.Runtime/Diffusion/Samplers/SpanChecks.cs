namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>Argument checks shared by the step math: a wrong length is a broken contract inside our code.</summary>
internal static class SpanChecks
{
    public static void RequireLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"'{name}' holds {actual} values; expected {expected}, the length of x_t.", name);
    }

    /// <summary>The checks of one sampler step: x̂0 and the output as long as x_t, and the noise too when the step adds it.</summary>
    public static void RequireStepLengths(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, ReadOnlySpan<float> z, Span<float> xs, bool addNoise)
    {
        RequireLength(xt.Length, x0.Length, nameof(x0));
        RequireLength(xt.Length, xs.Length, nameof(xs));
        if (addNoise)
            RequireLength(xt.Length, z.Length, nameof(z));
    }
}

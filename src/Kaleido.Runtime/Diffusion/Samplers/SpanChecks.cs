namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>Argument checks shared by the step math: a wrong length is a broken contract inside our code.</summary>
internal static class SpanChecks
{
    public static void RequireLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"'{name}' holds {actual} values; expected {expected}, the length of x_t.", name);
    }
}

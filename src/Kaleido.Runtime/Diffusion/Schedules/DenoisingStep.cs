namespace Kaleido.Runtime.Diffusion.Schedules;

/// <summary>
/// One sampling step from table index <paramref name="T"/> down to <paramref name="S"/> (T > S >= 0):
/// γ_t = γ'[T], γ_s = γ'[S], and the network sees time T − 1 (ml-mdm's "t − 1 to the model input").
/// </summary>
public readonly record struct DenoisingStep(int T, int S)
{
    /// <summary>The integer time the network is given at this step.</summary>
    public int ModelTime => T - 1;
}

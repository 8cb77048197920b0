namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++", Algorithm 2): multistep, second order, in data prediction,
/// deterministic. With α = √γ, σ = √(1 − γ), λ = log(α/σ) and h = λ_s − λ_t:
/// x_s = (σ_s/σ_t)·x_t − α_s·(e^(−h) − 1)·D, where D = x̂0_t on the first step and
/// D = (1 + 1/(2r))·x̂0_t − (1/(2r))·x̂0_prev with r = h_prev/h afterwards. The final step (γ_s = 1) is first
/// order, x_0 = x̂0_t, as diffusers' lower-order-final does. x̂0 arrives guided and thresholded from the loop.
/// One instance per resolution and batch: it keeps that resolution's previous x̂0 and h, so every resolution of the
/// nested UNet has its own history on its own shifted schedule. <see cref="Reset"/> starts a new trajectory.
/// </summary>
public sealed class DpmSolverPlusPlus2MSampler : IDiffusionSampler
{
    public const string SamplerName = "dpm++2m";

    readonly float[] _previousX0;
    double _previousLambda = double.NaN;   // λ_t of the previous step; NaN: no history yet

    /// <param name="elements">Values per step (B × values per sample): the size of the history it keeps.</param>
    public DpmSolverPlusPlus2MSampler(int elements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elements);
        _previousX0 = new float[elements];
    }

    /// <inheritdoc/>
    public string Name => SamplerName;

    /// <inheritdoc/>
    public bool NeedsNoise(StepNoiseLevels levels) => false;

    /// <summary>Forgets the history: the next step is first order.</summary>
    public void Reset() => _previousLambda = double.NaN;

    /// <summary>λ = log(α/σ) = ½·log(γ/(1 − γ)).</summary>
    public static double Lambda(double gamma) => 0.5 * Math.Log(gamma / (1.0 - gamma));

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, StepNoiseLevels levels, ReadOnlySpan<float> z, Span<float> xs)
    {
        SpanChecks.RequireLength(xt.Length, x0.Length, nameof(x0));
        SpanChecks.RequireLength(xt.Length, xs.Length, nameof(xs));
        SpanChecks.RequireLength(_previousX0.Length, x0.Length, nameof(x0));

        double lambdaT = Lambda(levels.GammaT);
        if (levels.IsFinal)
        {
            // σ_s = 0: x_0 = α_s·x̂0 with α_s = 1.
            x0.CopyTo(xs);
            Reset();
            return;
        }

        double lambdaS = Lambda(levels.GammaS);
        double h = lambdaS - lambdaT;
        double sigmaRatio = Math.Sqrt((1.0 - levels.GammaS) / (1.0 - levels.GammaT));
        double x0Coefficient = Math.Sqrt(levels.GammaS) * (1.0 - Math.Exp(-h));   // −α_s·(e^(−h) − 1), h > 0
        double current = 1.0, previous = 0.0;
        if (!double.IsNaN(_previousLambda))
        {
            double hPrevious = lambdaT - _previousLambda;
            double r = hPrevious / h;
            current = 1.0 + 1.0 / (2.0 * r);
            previous = -1.0 / (2.0 * r);
        }
        for (int i = 0; i < xs.Length; i++)
        {
            double d = current * x0[i] + previous * _previousX0[i];
            float x0Now = x0[i];                                   // xs may alias xt, never x0; keep x̂0_t first
            xs[i] = (float)(sigmaRatio * xt[i] + x0Coefficient * d);
            _previousX0[i] = x0Now;
        }
        _previousLambda = lambdaT;
    }
}

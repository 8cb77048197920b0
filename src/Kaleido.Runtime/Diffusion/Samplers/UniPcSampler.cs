namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// UniPC (Zhao et al. 2023, "UniPC"): the unified predictor-corrector in data prediction, B(h) = e^(−h) − 1 ("bh2"),
/// second-order predictor UniP-2 and corrector UniC, deterministic. With α = √γ, σ = √(1 − γ), λ = log(α/σ):
/// <list type="number">
/// <item>Corrector: the x_t the previous step predicted is corrected with the x̂0 the model just gave at it (no extra
/// model call: UniC reuses the evaluation the next predictor needs anyway), raising the order by one.</item>
/// <item>Predictor: from the corrected x_t, x_s = (σ_s/σ_t)·x_t − α_s·(e^(−h) − 1)·(x̂0_t + ½·D1), D1 the divided
/// difference of the last two x̂0 in λ (none on the first step). With this B(h) the predictor is DPM-Solver++(2M).</item>
/// </list>
/// The final step (γ_s = 1) is first order, x_0 = x̂0_t, as diffusers' lower-order-final does. One instance per
/// resolution and batch: it keeps that resolution's last sample, last two x̂0 and their λ, so every resolution of the
/// nested UNet has its own history on its own shifted schedule. <see cref="Reset"/> starts a new trajectory.
/// </summary>
public sealed class UniPcSampler : IDiffusionSampler
{
    public const string SamplerName = "unipc";

    readonly float[] _lastSample;       // x_t of the previous step after its correction: where its predictor started
    readonly float[] _previousX0;       // x̂0 at that sample
    readonly float[] _earlierX0;        // x̂0 one step before that
    double _previousLambda = double.NaN; // NaN: no history yet
    double _earlierLambda = double.NaN;
    int _previousOrder;                 // the order of the previous predictor: the corrector uses the same

    /// <param name="elements">Values per step (B × values per sample): the size of the history it keeps.</param>
    public UniPcSampler(int elements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elements);
        _lastSample = new float[elements];
        _previousX0 = new float[elements];
        _earlierX0 = new float[elements];
    }

    /// <inheritdoc/>
    public string Name => SamplerName;

    /// <inheritdoc/>
    public bool NeedsNoise(StepNoiseLevels levels) => false;

    /// <summary>Forgets the history: the next step is not corrected and its predictor is first order.</summary>
    public void Reset()
    {
        _previousLambda = double.NaN;
        _earlierLambda = double.NaN;
        _previousOrder = 0;
    }

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<float> x0, ReadOnlySpan<float> xt, StepNoiseLevels levels, ReadOnlySpan<float> z, Span<float> xs)
    {
        SpanChecks.RequireLength(xt.Length, x0.Length, nameof(x0));
        SpanChecks.RequireLength(xt.Length, xs.Length, nameof(xs));
        SpanChecks.RequireLength(_lastSample.Length, x0.Length, nameof(x0));
        if (levels.IsFinal)
        {
            // σ_s = 0: x_0 = α_s·x̂0_t with α_s = 1, whatever the corrector would have made of x_t.
            x0.CopyTo(xs);
            Reset();
            return;
        }

        double lambdaT = DpmSolverPlusPlus2MSampler.Lambda(levels.GammaT);
        double lambdaS = DpmSolverPlusPlus2MSampler.Lambda(levels.GammaS);
        double alphaT = Math.Sqrt(levels.GammaT), sigmaT = Math.Sqrt(1.0 - levels.GammaT);
        Corrector corrector = double.IsNaN(_previousLambda) ? Corrector.None
            : Corrector.Create(_previousOrder, _previousLambda, _earlierLambda, lambdaT, alphaT, sigmaT);
        int order = double.IsNaN(_previousLambda) ? 1 : 2;
        Predictor predictor = Predictor.Create(order, _previousLambda, lambdaT, lambdaS, sigmaT, levels.GammaS);

        for (int i = 0; i < xs.Length; i++)
        {
            float x0Now = x0[i];                                   // xs may alias xt, never x0
            double corrected = corrector.Apply(_lastSample[i], xt[i], x0Now, _previousX0[i], _earlierX0[i]);
            xs[i] = (float)predictor.Apply(corrected, x0Now, _previousX0[i]);
            _lastSample[i] = (float)corrected;
            _earlierX0[i] = _previousX0[i];
            _previousX0[i] = x0Now;
        }
        _earlierLambda = _previousLambda;
        _previousLambda = lambdaT;
        _previousOrder = order;
    }

    /// <summary>UniC of the given order from the last sample (λ_0 = <c>previous</c>) to the current λ_t.</summary>
    readonly record struct Corrector(bool Active, double SampleCoefficient, double PreviousCoefficient, double EarlierCoefficient, double CurrentCoefficient)
    {
        public static readonly Corrector None = new(false, 0, 0, 0, 0);

        public static Corrector Create(int order, double previousLambda, double earlierLambda, double lambdaT, double alphaT, double sigmaT)
        {
            double h = lambdaT - previousLambda, hh = -h;
            double phi1 = double.ExpM1(hh), bh = phi1;                  // h·φ1(−h), and B(h) = e^(−h) − 1 ("bh2") equals it
            double phiK = phi1 / hh - 1.0;
            double b1 = phiK / bh;                                      // the factorial loop of UniPC's Alg., k = 1
            double b2 = (phiK / hh - 0.5) * 2.0 / bh;                   // k = 2
            double sigmaPrevious = Math.Sqrt(1.0 / (1.0 + Math.Exp(2.0 * previousLambda)));
            // x_t^c = (σ_t/σ_0)·x_0 − α_t·φ1·m_0 − α_t·B(h)·(Σ ρ_k·D_k + ρ_t·(m_t − m_0)), D_k = (m_k − m_0)/r_k.
            double rhoEarlier = 0.0, rhoCurrent, r1 = 1.0;
            if (order == 1)
            {
                rhoCurrent = 0.5;
            }
            else
            {
                // Solve [[1, 1], [r1, 1]]·[ρ_1, ρ_t] = [b1, b2].
                r1 = (earlierLambda - previousLambda) / h;
                rhoEarlier = (b1 - b2) / (1.0 - r1);
                rhoCurrent = b1 - rhoEarlier;
            }
            double scale = -alphaT * bh;
            double earlier = scale * rhoEarlier / r1;                   // × (m_earlier − m_previous)
            double current = scale * rhoCurrent;                        // × (m_t − m_previous)
            return new Corrector(true, sigmaT / sigmaPrevious, -alphaT * phi1 - earlier - current, earlier, current);
        }

        public double Apply(double lastSample, double predicted, double x0Now, double previousX0, double earlierX0) => !Active ? predicted
            : SampleCoefficient * lastSample + PreviousCoefficient * previousX0 + EarlierCoefficient * earlierX0 + CurrentCoefficient * x0Now;
    }

    /// <summary>UniP (first order on the first step, second order after) from λ_t to λ_s.</summary>
    readonly record struct Predictor(double SampleCoefficient, double CurrentCoefficient, double PreviousCoefficient)
    {
        public static Predictor Create(int order, double previousLambda, double lambdaT, double lambdaS, double sigmaT, double gammaS)
        {
            double h = lambdaS - lambdaT, hh = -h;
            double phi1 = double.ExpM1(hh), bh = phi1;
            double alphaS = Math.Sqrt(gammaS), sigmaS = Math.Sqrt(1.0 - gammaS);
            double current = -alphaS * phi1, previous = 0.0;
            if (order == 2)
            {
                // ρ = ½ for the second order: −α_s·B(h)·½·(m_previous − m_t)/r1.
                double r1 = (previousLambda - lambdaT) / h;
                double d = -alphaS * bh * 0.5 / r1;
                current -= d;
                previous = d;
            }
            return new Predictor(sigmaS / sigmaT, current, previous);
        }

        public double Apply(double sample, double x0Now, double previousX0) =>
            SampleCoefficient * sample + CurrentCoefficient * x0Now + PreviousCoefficient * previousX0;
    }
}

using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Schedules;

namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// The reference sampling loop over one or more resolutions of a v-predicting model (ml-mdm's nested
/// sampler, architecture-facts §2). Every resolution shares the step's t; only γ differs through the shift.
/// Per step and resolution: v → (guidance) → x̂0 → threshold → sampler step, in place. A guided loop asks the model
/// for [uncond; cond] rows at each step at or above the guidance cutoff, and for the conditional rows alone below it.
/// Buffers and step tables are built once in the constructor; <see cref="Run"/> allocates nothing.
/// Not thread-safe: one loop runs one batch at a time.
/// </summary>
public sealed class DenoiseLoop
{
    readonly DenoiseResolution[] _resolutions;
    readonly IDiffusionSampler[] _samplers;        // [r]: each resolution keeps its own history
    readonly X0Thresholding _thresholding;
    readonly float _guidance;
    readonly DenoiseLoopSettings _settings;
    readonly DenoisingStep[] _steps;
    readonly StepNoiseLevels[] _levels;            // [step, resolution], flattened
    readonly float[][] _pairedInput;               // [r] 2B rows when guided, else unused
    readonly float[][] _modelOutput;               // [r] 2B rows when guided, else B rows; an unguided step fills the first B
    readonly float[][] _guidedVelocity;            // [r] B rows when guided, else unused
    readonly float[][] _x0;                        // [r] B rows
    readonly float[][] _noise;                     // [r] B rows
    readonly float[][] _scratch;                   // [r] one sample, for the dynamic quantile
    readonly ReadOnlyMemory<float>[] _pairedInputViews;      // [r] the 2B-row input of a guided step
    readonly Memory<float>[] _pairedOutputViews;             // [r] its 2B-row output
    readonly ReadOnlyMemory<float>[] _conditionalInputViews; // [r] x_t itself, the B-row input of an unguided step (set per run)
    readonly Memory<float>[] _conditionalOutputViews;        // [r] the first B rows of the output

    /// <param name="settings">Steps, sampler, thresholding and guidance scale.</param>
    /// <param name="resolutions">Highest resolution first, as the model returns them; one shared T.</param>
    /// <param name="batchSize">B: samples per run.</param>
    public DenoiseLoop(DenoiseLoopSettings settings, IReadOnlyList<DenoiseResolution> resolutions, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resolutions);
        ArgumentNullException.ThrowIfNull(settings.Thresholding);
        if (resolutions.Count == 0)
            throw new ArgumentException("The loop needs at least one resolution.", nameof(resolutions));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        _resolutions = [.. resolutions];
        int trainingSteps = _resolutions[0].Schedule.TrainingSteps;
        foreach (var resolution in _resolutions)
        {
            if (resolution.ElementsPerSample < 1)
                throw new ArgumentOutOfRangeException(nameof(resolutions), resolution.ElementsPerSample, "Each resolution needs at least one value per sample.");
            if (resolution.Schedule.TrainingSteps != trainingSteps)
                throw new ArgumentException(
                    $"All resolutions must share one T; got {resolution.Schedule.TrainingSteps} and {trainingSteps}.", nameof(resolutions));
        }

        _thresholding = settings.Thresholding;
        _guidance = settings.Guidance;
        _settings = settings;
        BatchSize = batchSize;

        // 1. Step pairs (t, s) and every resolution's (γ'_t, γ'_s), once.
        _steps = SamplingTimesteps.Pairs(trainingSteps, settings.Steps);
        int count = _resolutions.Length;
        _levels = new StepNoiseLevels[_steps.Length * count];
        for (int i = 0; i < _steps.Length; i++)
            for (int r = 0; r < count; r++)
            {
                var schedule = _resolutions[r].Schedule;
                _levels[i * count + r] = new StepNoiseLevels(schedule.Gamma(_steps[i].T), schedule.Gamma(_steps[i].S));
            }

        // 2. Buffers, once. Guided runs feed the model [x_t; x_t] (2B rows).
        int modelRows = settings.ModelRows(batchSize);
        _pairedInput = new float[count][];
        _modelOutput = new float[count][];
        _guidedVelocity = new float[count][];
        _x0 = new float[count][];
        _noise = new float[count][];
        _scratch = new float[count][];
        for (int r = 0; r < count; r++)
        {
            int perSample = _resolutions[r].ElementsPerSample;
            int batchValues = checked(batchSize * perSample);
            _pairedInput[r] = IsGuided ? new float[checked(modelRows * perSample)] : [];
            _modelOutput[r] = new float[checked(modelRows * perSample)];
            _guidedVelocity[r] = IsGuided ? new float[batchValues] : [];
            _x0[r] = new float[batchValues];
            _noise[r] = new float[batchValues];
            _scratch[r] = _thresholding.Kind == X0ThresholdKind.Dynamic ? new float[perSample] : [];
        }
        _samplers = new IDiffusionSampler[count];
        for (int r = 0; r < count; r++)
            _samplers[r] = DiffusionSamplers.Create(settings.Sampler, settings.Eta, checked(batchSize * _resolutions[r].ElementsPerSample));
        _pairedInputViews = new ReadOnlyMemory<float>[count];
        _pairedOutputViews = new Memory<float>[count];
        _conditionalInputViews = new ReadOnlyMemory<float>[count];
        _conditionalOutputViews = new Memory<float>[count];
        for (int r = 0; r < count; r++)
        {
            _pairedInputViews[r] = _pairedInput[r];
            _pairedOutputViews[r] = _modelOutput[r];
            _conditionalOutputViews[r] = _modelOutput[r].AsMemory(0, batchSize * _resolutions[r].ElementsPerSample);
        }
    }

    /// <summary>B.</summary>
    public int BatchSize { get; }

    /// <summary>The (t, s) pairs this loop runs, noisiest first.</summary>
    public ReadOnlySpan<DenoisingStep> Steps => _steps;

    bool IsGuided => _settings.IsGuided;

    /// <summary>
    /// Samples: fills <paramref name="samples"/>[r] with x_T from <paramref name="noise"/> (sample b of the batch is
    /// the noise source's sample b), then denoises in place to x_0 (<see cref="Run"/>).
    /// </summary>
    /// <param name="stepCompleted">Told the number of steps done (1 … N) after each step; may be null.</param>
    /// <param name="cancellation">Checked before each step (<see cref="Run"/>).</param>
    public void Sample(IVelocityModel model, IStepNoiseSource noise, ReadOnlySpan<Memory<float>> samples, Action<int>? stepCompleted = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(noise);
        CheckSampleBuffers(samples);
        for (int r = 0; r < samples.Length; r++)
        {
            int perSample = _resolutions[r].ElementsPerSample;
            for (int b = 0; b < BatchSize; b++)
                noise.FillStart(r, b, samples[r].Span.Slice(b * perSample, perSample));
        }
        Run(model, noise, samples, stepCompleted, cancellation);
    }

    /// <summary>
    /// Denoises in place: <paramref name="samples"/>[r] holds x_T (independent N(0, I) per resolution) on
    /// entry and x_0 on return, B × ElementsPerSample(r) values.
    /// </summary>
    /// <param name="stepCompleted">Told the number of steps done (1 … N) after each step; may be null.</param>
    /// <param name="cancellation">
    /// Checked before each step, never inside one: a cancelled run throws <see cref="OperationCanceledException"/> between
    /// model calls (a server's client went away), and a run that is not cancelled computes exactly what it did without it.
    /// </param>
    public void Run(IVelocityModel model, IStepNoiseSource noise, ReadOnlySpan<Memory<float>> samples, Action<int>? stepCompleted = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(noise);
        CheckSampleBuffers(samples);

        for (int r = 0; r < samples.Length; r++)
        {
            _conditionalInputViews[r] = samples[r];
            _samplers[r].Reset();
        }

        for (int i = 0; i < _steps.Length; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            bool guided = _settings.IsGuidedAt(_steps[i].T);
            // 1–2. v at every resolution, at the model time t − 1: from [x_t; x_t] for guidance, else from x_t alone.
            if (guided)
            {
                for (int r = 0; r < samples.Length; r++)
                {
                    Span<float> xt = samples[r].Span;
                    xt.CopyTo(_pairedInput[r]);
                    xt.CopyTo(_pairedInput[r].AsSpan(xt.Length));
                }
                model.PredictVelocity(_steps[i].ModelTime, _pairedInputViews, _pairedOutputViews, GuidanceBatchLayout.UnconditionalThenConditional);
            }
            else
            {
                model.PredictVelocity(_steps[i].ModelTime, _conditionalInputViews, _conditionalOutputViews, GuidanceBatchLayout.ConditionalOnly);
            }

            for (int r = 0; r < samples.Length; r++)
                StepResolution(i, r, guided, samples[r].Span, noise);
            stepCompleted?.Invoke(i + 1);
        }

        // Don't keep the caller's buffers alive between runs.
        Array.Clear(_conditionalInputViews);
    }

    void CheckSampleBuffers(ReadOnlySpan<Memory<float>> samples)
    {
        if (samples.Length != _resolutions.Length)
            throw new ArgumentException($"Got {samples.Length} sample buffers; the loop has {_resolutions.Length} resolutions.", nameof(samples));
        for (int r = 0; r < samples.Length; r++)
            if (samples[r].Length != BatchSize * _resolutions[r].ElementsPerSample)
                throw new ArgumentException(
                    $"Sample buffer {r} holds {samples[r].Length} values; expected B × values per sample = {BatchSize} × {_resolutions[r].ElementsPerSample}.",
                    nameof(samples));
    }

    void StepResolution(int stepIndex, int r, bool guided, Span<float> xt, IStepNoiseSource noise)
    {
        var levels = _levels[stepIndex * _resolutions.Length + r];
        int perSample = _resolutions[r].ElementsPerSample;

        // 3. Guidance on raw v, before x̂0 and thresholding; an unguided step's v is the conditional rows'.
        ReadOnlySpan<float> v = _conditionalOutputViews[r].Span;
        if (guided)
        {
            ClassifierFreeGuidance.Apply(_modelOutput[r], _guidance, _guidedVelocity[r]);
            v = _guidedVelocity[r];
        }

        // 4. x̂0 = √γ_t·x_t − √(1−γ_t)·v, then threshold per sample.
        Span<float> x0 = _x0[r];
        VPrediction.EstimateX0(xt, v, levels.GammaT, x0);
        _thresholding.Apply(x0, perSample, _scratch[r]);

        // 5. z per sample, only when the sampler reads it.
        ReadOnlySpan<float> z = default;
        if (_samplers[r].NeedsNoise(levels))
        {
            Span<float> noiseBuffer = _noise[r];
            for (int b = 0; b < BatchSize; b++)
                noise.Fill(stepIndex, r, b, noiseBuffer.Slice(b * perSample, perSample));
            z = noiseBuffer;
        }

        // 6. x_t → x_s in place.
        _samplers[r].Step(x0, xt, levels, z, xt);
    }
}

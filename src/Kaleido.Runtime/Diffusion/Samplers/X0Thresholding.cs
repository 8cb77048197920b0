namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>
/// How x̂0 is thresholded before a sampler step, in pixel space [−1, 1] (architecture-facts §2). Immutable;
/// use the named presets or <see cref="DynamicWith"/>. Dynamic thresholding works per sample, so it needs
/// the per-sample length and a scratch span of that length for the quantile.
/// </summary>
public sealed record X0Thresholding
{
    X0Thresholding(X0ThresholdKind kind, double percentile, double maxScale)
    {
        Kind = kind;
        Percentile = percentile;
        MaxScale = maxScale;
    }

    /// <summary>What is done to x̂0.</summary>
    public X0ThresholdKind Kind { get; }

    /// <summary>p of the dynamic quantile of |x̂0|; unused unless Dynamic.</summary>
    public double Percentile { get; }

    /// <summary>The largest s dynamic thresholding may divide by; unused unless Dynamic.</summary>
    public double MaxScale { get; }

    /// <summary>x̂0 untouched.</summary>
    public static X0Thresholding None { get; } = new(X0ThresholdKind.None, 0, 0);

    /// <summary>clamp(x̂0, −1, 1): ml-mdm's default.</summary>
    public static X0Thresholding Clip { get; } = new(X0ThresholdKind.Clip, 0, 0);

    /// <summary>Imagen's dynamic thresholding, p = 0.995, max 100 (ml-mdm's DYNAMIC).</summary>
    public static X0Thresholding DynamicImagen { get; } = new(X0ThresholdKind.Dynamic, 0.995, 100.0);

    /// <summary>DeepFloyd IF's dynamic thresholding, p = 0.95, max 1.5 (ml-mdm's DYNAMIC_IF; its demo's default).</summary>
    public static X0Thresholding DynamicDeepFloyd { get; } = new(X0ThresholdKind.Dynamic, 0.95, 1.5);

    /// <summary>Dynamic thresholding with a chosen p in [0, 1] and max >= 1.</summary>
    public static X0Thresholding DynamicWith(double percentile, double maxScale)
    {
        if (!(percentile >= 0.0 && percentile <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The dynamic-threshold percentile must be in [0, 1].");
        if (!(maxScale >= 1.0) || !double.IsFinite(maxScale))
            throw new ArgumentOutOfRangeException(nameof(maxScale), maxScale, "The dynamic-threshold max scale must be finite and >= 1.");
        return new X0Thresholding(X0ThresholdKind.Dynamic, percentile, maxScale);
    }

    /// <summary>
    /// Thresholds a batch in place: <paramref name="x0"/> holds whole samples of
    /// <paramref name="elementsPerSample"/> values each ([B, C·H·W]); <paramref name="scratch"/> needs
    /// elementsPerSample values when Dynamic (may be empty otherwise).
    /// </summary>
    public void Apply(Span<float> x0, int elementsPerSample, Span<float> scratch)
    {
        if (elementsPerSample < 1 || x0.Length % elementsPerSample != 0)
            throw new ArgumentException(
                $"x̂0 holds {x0.Length} values, not a whole number of samples of {elementsPerSample} values.", nameof(elementsPerSample));

        switch (Kind)
        {
            case X0ThresholdKind.None:
                return;
            case X0ThresholdKind.Clip:
                ClampInPlace(x0, 1.0f);
                return;
            case X0ThresholdKind.Dynamic:
                if (scratch.Length < elementsPerSample)
                    throw new ArgumentException(
                        $"Dynamic thresholding needs {elementsPerSample} scratch values; got {scratch.Length}.", nameof(scratch));
                for (int start = 0; start < x0.Length; start += elementsPerSample)
                    ApplyDynamicToSample(x0.Slice(start, elementsPerSample), scratch[..elementsPerSample]);
                return;
            default:
                throw new InvalidOperationException($"Unknown threshold kind {Kind}.");
        }
    }

    void ApplyDynamicToSample(Span<float> sample, Span<float> scratch)
    {
        // s = clamp(quantile(|x̂0|, p), 1, max); x̂0 = clamp(x̂0, −s, s)/s.
        for (int i = 0; i < sample.Length; i++)
            scratch[i] = MathF.Abs(sample[i]);
        double s = Math.Clamp(LinearQuantile.OfScratch(scratch, Percentile), 1.0, MaxScale);
        for (int i = 0; i < sample.Length; i++)
            sample[i] = (float)(Math.Clamp(sample[i], -s, s) / s);
    }

    static void ClampInPlace(Span<float> values, float limit)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = Math.Clamp(values[i], -limit, limit);
    }
}

namespace Kaleido.Runtime.Diffusion.Guidance;

/// <summary>
/// Classifier-free guidance (Ho &amp; Salimans 2022): guided = u + w·(c − u), applied to the raw v output at
/// every resolution, before x̂0 is formed and before thresholding (architecture-facts §2). The model runs one
/// batch of 2B rows, the unconditional half first: [uncond; cond].
/// </summary>
public static class ClassifierFreeGuidance
{
    /// <summary>
    /// Writes the B guided rows from the 2B-row model output: <paramref name="paired"/> holds
    /// [u (B rows); c (B rows)] and is twice as long as <paramref name="guided"/>, which may not overlap it.
    /// Computed as (1 − w)·u + w·c in double (the same value), so w = 1 gives c and w = 0 gives u exactly.
    /// </summary>
    /// <param name="guidance">w, already checked by its owner (<see cref="Samplers.DenoiseLoopSettings.Validate"/>).</param>
    public static void Apply(ReadOnlySpan<float> paired, float guidance, Span<float> guided)
    {
        if (paired.Length != 2 * guided.Length)
            throw new ArgumentException(
                $"The model output holds {paired.Length} values; expected {2 * guided.Length}, twice the guided output ([uncond; cond]).",
                nameof(paired));

        ReadOnlySpan<float> unconditional = paired[..guided.Length];
        ReadOnlySpan<float> conditional = paired[guided.Length..];
        double w = guidance;
        double keepUnconditional = 1.0 - w;
        for (int i = 0; i < guided.Length; i++)
            guided[i] = (float)(keepUnconditional * unconditional[i] + w * conditional[i]);
    }
}

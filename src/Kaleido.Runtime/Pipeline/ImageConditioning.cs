namespace Kaleido.Runtime.Pipeline;

/// <summary>
/// One image's denoiser conditioning rows: [uncond; cond] when guided, [cond] at w = 1 (<see cref="ConditioningRows"/>).
/// States [rows, L, D] and mask [rows, L]; a region-masked package adds token objects [rows, L] and regions [rows, M, 4].
/// The conditional row is always the last.
/// </summary>
public sealed record ImageConditioning(float[] States, long[] Mask, long[]? TokenObjects, float[]? Regions)
{
    /// <summary>Rows this image has (1 or 2), read off the mask given the conditioning length L.</summary>
    public int Rows(int conditioningLength) => Mask.Length / conditioningLength;
}

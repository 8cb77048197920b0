namespace Kaleido.Runtime.Diffusion.Samplers;

/// <summary>What is done to x̂0 before the step (ml-mdm's <c>ThresholdType</c>).</summary>
public enum X0ThresholdKind
{
    /// <summary>x̂0 is used as predicted.</summary>
    None,

    /// <summary>x̂0 = clamp(x̂0, −1, 1): ml-mdm's default.</summary>
    Clip,

    /// <summary>
    /// Dynamic thresholding (Imagen, Saharia et al. 2022 §2.3), per sample:
    /// s = clamp(quantile(|x̂0|, p), 1, max), x̂0 = clamp(x̂0, −s, s)/s.
    /// </summary>
    Dynamic,
}

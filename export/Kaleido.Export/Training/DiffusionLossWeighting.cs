namespace Kaleido.Export.Training;

/// <summary>
/// How L_DM weighs the error of the denoiser's x0 prediction at each timestep. With e0 = x̂0 − x0 and
/// SNR = γ/(1 − γ): ε-MSE is SNR·|e0|², v-MSE is (SNR + 1)·|e0|². The paper's x0 formulation allows any ω_t.
/// </summary>
public enum DiffusionLossWeighting
{
    /// <summary>ε-MSE, as ml-mdm trains (the shipped models until this switch): almost no weight at high noise.</summary>
    Epsilon,

    /// <summary>
    /// v-MSE ("SNR + 1"): the loss on the network's own v output. At the high-noise steps (k ≳ 850, SNR ≈ 0.003–0.03),
    /// where an object's position can only come from the latents, it weighs the x0 error 30–300× more than ε-MSE.
    /// </summary>
    Velocity,
}

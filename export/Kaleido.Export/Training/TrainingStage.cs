namespace Kaleido.Export.Training;

/// <summary>What a run trains (docs/training.md).</summary>
public enum TrainingStage
{
    /// <summary>Stage 1: encoder + decoder on caption → latents with L_AR.</summary>
    Prior,

    /// <summary>Stage 2: frozen encoder; decoder + denoiser with L_DM + η·L_AR, conditioned on [encoder ; decoder] states.</summary>
    Kaleido,

    /// <summary>The baseline: the same denoiser conditioned on the frozen encoder's states only, L_DM.</summary>
    Baseline,
}

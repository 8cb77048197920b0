namespace Kaleido.Runtime.Diffusion.Guidance;

/// <summary>Which conditioning the rows of a model call carry.</summary>
public enum GuidanceBatchLayout
{
    /// <summary>B rows, all conditioned on the prompt (no guidance, w = 1).</summary>
    ConditionalOnly,

    /// <summary>2B rows: B unconditional rows, then the same B samples conditioned on the prompt.</summary>
    UnconditionalThenConditional,
}

namespace Kaleido.Export.Toy;

/// <summary>The two models Fig. 3 compares.</summary>
public enum ToyModelKind
{
    /// <summary>The denoiser sees the class only (eq. 5–6): guidance acts on p(c|x) and can reweigh sub-modes.</summary>
    Baseline,

    /// <summary>A prior draws the sub-mode z first; the denoiser sees (class, z) (eq. 7–8).</summary>
    LatentAugmented,
}

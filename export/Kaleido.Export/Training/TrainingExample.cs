namespace Kaleido.Export.Training;

/// <summary>
/// One training record, tokenized and decoded: the caption at the fixed caption length (ids ending in eos,
/// then pad; mask 1 on real tokens), the latent tokens z₁…zₙ without eos, and the image as RGB bytes,
/// row-major [H, W, 3]. A region-masked model's examples also carry the objects the latents place
/// (runtime <c>ObjectGrounding</c>); the paper's model's carry null.
/// </summary>
public sealed record TrainingExample(int[] CaptionIds, int[] CaptionMask, int[] LatentTokens, byte[] Pixels,
    Kaleido.Runtime.Conditioning.ObjectGrounding? Grounding = null);

namespace Kaleido.Export.Training;

/// <summary>
/// One training record, tokenized and decoded: the caption at the fixed caption length (ids ending in eos,
/// then pad; mask 1 on real tokens), the latent tokens z₁…zₙ without eos, and the image as RGB bytes,
/// row-major [H, W, 3].
/// </summary>
public sealed record TrainingExample(int[] CaptionIds, int[] CaptionMask, int[] LatentTokens, byte[] Pixels);

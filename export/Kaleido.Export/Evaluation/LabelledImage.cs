namespace Kaleido.Export.Evaluation;

/// <summary>One image of the dataset as RGB bytes [S, S, 3] (row-major) with the attributes its latents state.</summary>
public sealed record LabelledImage(byte[] Pixels, SceneAttributes Attributes);

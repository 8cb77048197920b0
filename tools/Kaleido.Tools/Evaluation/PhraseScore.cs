using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// One grounded phrase checked against the image: the colour looked for, the region matched to it (null
/// when none was found) and their IoU; or, for a skipped phrase, why (then Color may be null and IoU is 0).
/// </summary>
public sealed record PhraseScore(string Phrase, BoundingBox LatentBox, string? Color, BoundingBox? DetectedBox, double IoU, PhraseSkipReason? Skipped)
{
    public bool IsScored => Skipped is null;
}

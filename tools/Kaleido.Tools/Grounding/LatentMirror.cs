using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Grounding;

/// <summary>
/// Mirrors the layout a latent states, left to right: every box (x1, x2) → (1000 − x2, 1000 − x1) and every blob
/// centre x → 1000 − x with its angle θ → (180 − θ) mod 180. Phrases, text descriptions and visual codes are kept,
/// so a model that reads positions from the boxes or blobs must move its objects and a model that ignores them
/// does not. Mirroring twice gives the latent back.
/// </summary>
public static class LatentMirror
{
    const int Max = LatentRanges.CoordinateMax;

    public static BoundingBox Mirror(BoundingBox box) => new(Max - box.X2, box.Y1, Max - box.X1, box.Y2);

    public static ObjectBlob Mirror(ObjectBlob blob) =>
        new(Max - blob.CenterX, blob.CenterY, blob.RadiusMajor, blob.RadiusMinor, (LatentRanges.ThetaLimit - blob.ThetaDegrees) % LatentRanges.ThetaLimit);

    /// <summary>The latent with its boxes and blobs mirrored; kinds without positions (text, voken) are refused.</summary>
    public static DiscreteLatents Mirror(DiscreteLatents latents) => latents switch
    {
        BboxLatents bbox => Mirror(bbox),
        BlobLatents blob => new BlobLatents(blob.Phrases.Select(p => new GroundedBlob(p.Phrase, Mirror(p.Blob))), blob.Tail),
        CombinedLatents combined => new CombinedLatents(combined.Text, Mirror(combined.Bbox), combined.Voken),
        _ => throw new ToolInputException($"Latents of kind '{latents.Kind.ToName()}' state no positions to mirror; expected bbox, blob or combined."),
    };

    static BboxLatents Mirror(BboxLatents bbox) =>
        new(bbox.Phrases.Select(p => new GroundedBox(p.Phrase, Mirror(p.Box))), bbox.Tail);

    /// <summary>The bbox section of a latent that has one (bbox or combined); null otherwise.</summary>
    public static BboxLatents? BoxesOf(DiscreteLatents latents) => latents switch
    {
        BboxLatents bbox => bbox,
        CombinedLatents combined => combined.Bbox,
        _ => null,
    };
}

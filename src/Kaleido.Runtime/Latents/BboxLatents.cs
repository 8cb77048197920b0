namespace Kaleido.Runtime.Latents;

/// <summary>A caption grounded with boxes (Appendix A, "Detection bounding boxes").</summary>
public sealed record BboxLatents : GroundedLatents<GroundedBox>
{
    public BboxLatents(IEnumerable<GroundedBox> phrases, string tail) : base(phrases, tail, "bbox") { }

    public override LatentKind Kind => LatentKind.Bbox;
}

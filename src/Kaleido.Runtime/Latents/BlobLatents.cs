namespace Kaleido.Runtime.Latents;

/// <summary>A caption grounded with object blobs, tilted ellipses (Appendix A, "Object Blobs").</summary>
public sealed record BlobLatents : GroundedLatents<GroundedBlob>
{
    public BlobLatents(IEnumerable<GroundedBlob> phrases, string tail) : base(phrases, tail, "blob") { }

    public override LatentKind Kind => LatentKind.Blob;
}

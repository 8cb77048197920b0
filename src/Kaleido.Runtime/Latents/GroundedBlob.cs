namespace Kaleido.Runtime.Latents;

/// <summary>A phrase of a grounded caption and the blob that locates it.</summary>
public sealed record GroundedBlob : GroundedPhrase
{
    public GroundedBlob(string phrase, ObjectBlob blob) : base(phrase) => Blob = blob;

    public ObjectBlob Blob { get; }

    internal override int[] RegionNumbers() => [Blob.CenterX, Blob.CenterY, Blob.RadiusMajor, Blob.RadiusMinor, Blob.ThetaDegrees];
}

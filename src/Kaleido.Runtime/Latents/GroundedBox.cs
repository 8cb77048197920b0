namespace Kaleido.Runtime.Latents;

/// <summary>A phrase of a grounded caption and the box that locates it.</summary>
public sealed record GroundedBox : GroundedPhrase
{
    public GroundedBox(string phrase, BoundingBox box) : base(phrase) => Box = box;

    public BoundingBox Box { get; }

    internal override int[] RegionNumbers() => [Box.X1, Box.Y1, Box.X2, Box.Y2];
}

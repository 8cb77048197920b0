namespace Kaleido.Runtime.Latents;

/// <summary>combined = text | bbox | voken (Appendix B.3), each part conditioned on the earlier ones.</summary>
public sealed record CombinedLatents : DiscreteLatents
{
    public CombinedLatents(TextLatents text, BboxLatents bbox, VokenLatents voken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(bbox);
        ArgumentNullException.ThrowIfNull(voken);
        Text = text;
        Bbox = bbox;
        Voken = voken;
    }

    public TextLatents Text { get; }
    public BboxLatents Bbox { get; }
    public VokenLatents Voken { get; }

    public override LatentKind Kind => LatentKind.Combined;
}

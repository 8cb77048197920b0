namespace Kaleido.Runtime.Latents;

/// <summary>
/// The structured form of one sample of discrete latents z (§3.2). Each kind is a sealed record;
/// <see cref="ToText"/> gives the canonical latent text and <see cref="LatentsParser"/> reads it back.
/// </summary>
public abstract record DiscreteLatents
{
    private protected DiscreteLatents()
    {
    }

    public abstract LatentKind Kind { get; }

    /// <summary>The canonical latent text (docs/latents.md).</summary>
    public string ToText() => LatentsFormatter.Format(this);

    public sealed override string ToString() => ToText();
}

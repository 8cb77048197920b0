namespace Kaleido.Export.Denoiser;

/// <summary>
/// Two-level Matryoshka denoiser (ml-mdm <c>NestedUNetConfig</c>): an outer UNet at the top resolution whose
/// bottleneck is the <see cref="Inner"/> UNet at 1/<see cref="NestRatio"/> of that resolution.
/// The outer network has no mid blocks and no conditioning path of its own (ml-mdm skip_mid_blocks,
/// skip_cond_emb); the inner network has both.
/// </summary>
public sealed record NestedUNetConfig(UNetConfig Outer, UNetConfig Inner, ConditioningConfig Conditioning)
{
    /// <summary>Outer side / inner side: each outer level but the last halves the size (ml-mdm nest_ratio).</summary>
    public int NestRatio => Outer.DownsampleFactor;

    public void Validate()
    {
        Outer.Validate("Outer");
        Inner.Validate("Inner");
        Conditioning.Validate();
        if (Outer.TemporalDim != Inner.TemporalDim)
            throw new ArgumentException(
                $"Outer.TemporalDim ({Outer.TemporalDim}) must equal Inner.TemporalDim ({Inner.TemporalDim}): both add the same conditioning embedding.");
    }
}

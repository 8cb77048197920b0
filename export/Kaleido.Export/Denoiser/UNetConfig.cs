using System.Collections.Immutable;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Shape of one UNet of the nested denoiser (ml-mdm <c>UNetConfig</c>; Kaleido App. B.1 names in brackets).
/// Level i runs at 1/2^i of the network's input resolution.
/// </summary>
/// <param name="Channels">Channels per level [resolution_channels].</param>
/// <param name="ResBlocks">ResNet blocks per level on the down path; the up path has one more [num_res_blocks].</param>
/// <param name="AttentionLayers">Attention layers after every ResNet of a level, 0 = none [num_attn_layers_per_block].</param>
/// <param name="TemporalDim">Width of the time embedding; equal in the outer and inner network because
/// the conditioning embedding is added to both [emb_channels].</param>
/// <param name="Heads">Attention heads; ml-mdm fixes 8.</param>
/// <param name="AttentionFfn">Adds a 4x GELU feed-forward after each attention layer (on in the inner network).</param>
/// <param name="NormGroups">GroupNorm groups; 32 in ml-mdm, fewer only so the tiny test model can be narrow.</param>
/// <param name="CoordinateChannels">Adds a bias-free 3x3 conv of the pixel-centre (x, y) grid to the input conv
/// (CoordConv, Liu et al. 2018). Not in ml-mdm: convolutions are translation-equivariant, so without it the
/// network can place an object only where its receptive field meets the border, which is why a small model
/// trained briefly ignores bbox coordinates. Exported as one constant map added after the input conv.</param>
public sealed record UNetConfig(
    ImmutableArray<int> Channels,
    ImmutableArray<int> ResBlocks,
    ImmutableArray<int> AttentionLayers,
    int TemporalDim,
    int Heads = 8,
    bool AttentionFfn = true,
    int NormGroups = 32,
    bool CoordinateChannels = false)
{
    public int Levels => Channels.Length;

    /// <summary>Input side length divided by the deepest level's side length.</summary>
    public int DownsampleFactor => 1 << (Levels - 1);

    /// <summary>Throws when the shape cannot build a UNet; <paramref name="name"/> names it in the message.</summary>
    public void Validate(string name)
    {
        if (Channels.IsDefaultOrEmpty)
            throw new ArgumentException($"{name}: Channels must name at least one level.");
        if (ResBlocks.Length != Levels || AttentionLayers.Length != Levels)
            throw new ArgumentException(
                $"{name}: Channels, ResBlocks and AttentionLayers need one entry per level; got " +
                $"{Levels}, {ResBlocks.Length} and {AttentionLayers.Length}.");
        foreach (int c in Channels)
            if (c <= 0 || c % NormGroups != 0)
                throw new ArgumentException($"{name}: every channel count must be a positive multiple of NormGroups={NormGroups}; got {c}.");
        foreach (int c in Channels)
            if (c % Heads != 0)
                throw new ArgumentException($"{name}: channel count {c} is not divisible by Heads={Heads}.");
        if (ResBlocks.Any(n => n < 1) || AttentionLayers.Any(n => n < 0))
            throw new ArgumentException($"{name}: ResBlocks must be >= 1 and AttentionLayers >= 0 at every level.");
        if (TemporalDim <= 0 || TemporalDim % 8 != 0)
            throw new ArgumentException($"{name}: TemporalDim must be a positive multiple of 8 (the sinusoid has TemporalDim/8 frequencies); got {TemporalDim}.");
    }
}

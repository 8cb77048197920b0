using System.Collections.Immutable;

namespace Kaleido.Export.Denoiser;

/// <summary>The denoiser shapes we build: the paper's, the one we train here, and one for tests.</summary>
public static class DenoiserConfigs
{
    /// <summary>Kaleido App. B.1 (256x256 outer, 64x64 inner, T5-XL conditioning); the ml-mdm cc12m_256x256 shapes.</summary>
    public static NestedUNetConfig PaperB1 { get; } = new(
        Outer: new UNetConfig(
            Channels: [64, 128, 256], ResBlocks: [2, 2, 1], AttentionLayers: [0, 0, 0], TemporalDim: 1024),
        Inner: new UNetConfig(
            Channels: [256, 512, 768], ResBlocks: [2, 2, 2], AttentionLayers: [0, 1, 5], TemporalDim: 1024),
        Conditioning: new ConditioningConfig(LmWidth: 2048, ProjectedWidth: 1024, LmHeadLayers: 2));

    /// <summary>
    /// Trainable on 2 CPU cores: 32x32 outer, 16x16 inner (about 4.2 M parameters). The inner network keeps
    /// two levels (16, 8) so its attention still sees an 8x8 grid; an 8x8 inner network with B.1's three
    /// levels would bottom out at 2x2. LmWidth 128 is a placeholder for our prior's hidden width.
    /// Both networks get coordinate channels so cross-attention can bind bbox tokens to places.
    /// </summary>
    public static NestedUNetConfig Small { get; } = new(
        Outer: new UNetConfig(
            Channels: [32, 64], ResBlocks: [1, 1], AttentionLayers: [0, 0], TemporalDim: 128, CoordinateChannels: true),
        Inner: new UNetConfig(
            Channels: [64, 128], ResBlocks: [1, 1], AttentionLayers: [0, 1], TemporalDim: 128, CoordinateChannels: true),
        Conditioning: new ConditioningConfig(LmWidth: 128, ProjectedWidth: 128, LmHeadLayers: 1));

    /// <summary>
    /// Tens of thousands of parameters for parity tests (16x16 outer, 8x8 inner). Unlike B.1 it has outer
    /// attention too, so the outer cross-attention path is exercised.
    /// </summary>
    public static NestedUNetConfig Tiny { get; } = new(
        Outer: new UNetConfig(
            Channels: [8, 8], ResBlocks: [1, 1], AttentionLayers: [0, 1], TemporalDim: 16, Heads: 2, NormGroups: 4),
        Inner: new UNetConfig(
            Channels: [8, 16], ResBlocks: [1, 1], AttentionLayers: [0, 1], TemporalDim: 16, Heads: 2, NormGroups: 4),
        Conditioning: new ConditioningConfig(LmWidth: 12, ProjectedWidth: 8, LmHeadLayers: 1, Heads: 2));
}

using Kaleido.Export.Packaging;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Imaging;
using static TorchSharp.torch;
using RuntimeDecoderInputs = Kaleido.Runtime.Conditioning.DecoderInputs;

namespace Kaleido.Export.Training;

/// <summary>Turns examples into a <see cref="TrainingBatch"/> for one model configuration.</summary>
public static class TrainingBatchBuilder
{
    /// <summary>The batch of <paramref name="examples"/> at <paramref name="indices"/>, in that order.</summary>
    public static TrainingBatch Build(ModelDefinition config, IReadOnlyList<TrainingExample> examples, ReadOnlySpan<int> indices)
    {
        int b = indices.Length, lc = config.Prior.CaptionLength, s = config.DecoderLength, side = config.ImageSide;
        var captionIds = new long[b * lc];
        var captionMask = new long[b * lc];
        var decoderIds = new long[b * s];
        var decoderMask = new long[b * s];
        var targets = new long[b * s];
        var pixels = new float[b * 3 * side * side];
        int maxObjects = config.Denoiser.Conditioning.MaxObjects, rowLength = lc + s, regionValues = maxObjects * ObjectGrounding.RegionValues;
        long[]? tokenObjects = maxObjects > 0 ? new long[b * rowLength] : null;
        float[]? regions = maxObjects > 0 ? new float[b * regionValues] : null;
        for (int row = 0; row < b; row++)
        {
            var example = examples[indices[row]];
            CheckExample(config, example, indices[row]);
            for (int i = 0; i < lc; i++)
            {
                captionIds[row * lc + i] = example.CaptionIds[i];
                captionMask[row * lc + i] = example.CaptionMask[i];
            }
            // Decoder input [start, z₁…zₙ, pad…]; the targets are the same row shifted left, eos after zₙ, then ignored.
            RuntimeDecoderInputs.Build(example.LatentTokens, config.Tokens, config.MaxLatentTokens,
                decoderIds.AsSpan(row * s, s), decoderMask.AsSpan(row * s, s));
            var targetRow = targets.AsSpan(row * s, s);
            targetRow.Fill(TrainingBatch.IgnoreIndex);
            for (int i = 0; i < example.LatentTokens.Length; i++)
                targetRow[i] = example.LatentTokens[i];
            targetRow[example.LatentTokens.Length] = config.Prior.EosId;
            WriteChannelsFirst(example.Pixels, side, pixels.AsSpan(row * 3 * side * side, 3 * side * side));
            if (tokenObjects is not null)
            {
                if (example.Grounding is null)
                    throw new ArgumentException($"Example {indices[row]}: a region-masked model needs the objects its latents place.");
                ObjectGrounding.WriteRow(example.Grounding, lc, maxObjects,
                    tokenObjects.AsSpan(row * rowLength, rowLength), regions.AsSpan(row * regionValues, regionValues));
            }
        }

        var high = tensor(pixels, [b, 3, side, side]);
        var low = nn.functional.avg_pool2d(high, config.Denoiser.NestRatio); // ml-mdm's low-resolution target
        return new TrainingBatch(
            tensor(captionIds, [b, lc]), tensor(captionMask, [b, lc]),
            tensor(decoderIds, [b, s]), tensor(decoderMask, [b, s]), tensor(targets, [b, s]),
            [high, low],
            tokenObjects is null ? null : tensor(tokenObjects, [b, rowLength]),
            regions is null ? null : tensor(regions, [b, maxObjects, ObjectGrounding.RegionValues]));
    }

    /// <summary>The empty caption at the fixed length: [eos, pad, …] with mask [1, 0, …], what tokenizing "" gives.</summary>
    public static (long[] Ids, long[] Mask) EmptyCaption(ModelDefinition config)
    {
        var ids = new long[config.Prior.CaptionLength];
        var mask = new long[ids.Length];
        Array.Fill(ids, config.Prior.PadId);
        ids[0] = config.Prior.EosId;
        mask[0] = 1;
        return (ids, mask);
    }

    /// <summary>[H, W, 3] bytes → [3, H, W] values (uint8 − 127)/128.</summary>
    private static void WriteChannelsFirst(byte[] rgb, int side, Span<float> destination)
    {
        int plane = side * side;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < 3; c++)
                destination[c * plane + p] = PixelMapping.ToUnit(rgb[p * 3 + c]);
    }

    private static void CheckExample(ModelDefinition config, TrainingExample example, int index)
    {
        int lc = config.Prior.CaptionLength;
        if (example.CaptionIds.Length != lc || example.CaptionMask.Length != lc)
            throw new ArgumentException($"Example {index}: caption ids and mask must hold {lc} entries (CaptionLength).");
        if (example.LatentTokens.Length > config.MaxLatentTokens)
            throw new ArgumentException($"Example {index}: {example.LatentTokens.Length} latent tokens; at most {config.MaxLatentTokens}.");
        if (example.Pixels.Length != config.ImageSide * config.ImageSide * 3)
            throw new ArgumentException($"Example {index}: expected {config.ImageSide}×{config.ImageSide} RGB pixels, got {example.Pixels.Length} bytes.");
    }
}

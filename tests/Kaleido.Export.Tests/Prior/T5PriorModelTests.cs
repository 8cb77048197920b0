using Kaleido.Export.Prior;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Prior;

public sealed class T5PriorModelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void T5_xl_parameter_count_is_the_published_one()
    {
        Assert.Equal(2_849_757_184L, T5PriorParameterCount.Count(T5PriorConfig.T5Xl));
    }

    [Fact]
    public void Parameter_count_equals_allocated_parameters_for_tiny_and_small()
    {
        foreach (var config in new[] { T5PriorConfig.Tiny, T5PriorConfig.Small })
        {
            using var model = new T5Prior(config);
            long allocated = 0;
            foreach (var parameter in model.parameters())
            {
                Assert.Equal(DeviceType.CPU, parameter.device_type);
                allocated += parameter.numel();
            }
            Assert.Equal(allocated, T5PriorParameterCount.Count(config));
            output.WriteLine($"d_model {config.DModel}: {allocated:N0} parameters");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Buckets_follow_the_t5_formula(bool bidirectional)
    {
        var buckets = new RelativePositionBuckets(32, 128, bidirectional);
        using var relative = arange(-300, 301, dtype: int64);
        var actual = buckets.Compute(relative).data<long>().ToArray();
        for (var i = 0; i < actual.Length; i++)
            Assert.Equal(ExpectedBucket(i - 300, bidirectional), actual[i]);
    }

    [Fact]
    public void Encoder_ignores_padded_tokens()
    {
        using var model = PriorTestModels.RandomTiny(11);
        var config = model.Config;
        var generator = new Generator(5);
        using var ids = PriorTestModels.RandomIds(generator, 1, config.CaptionLength, 3, config.VocabSize);
        using var mask = ones(1, config.CaptionLength, dtype: int64);
        mask[0, TensorIndex.Slice(5)] = 0;
        using var otherIds = ids.clone();
        otherIds[0, TensorIndex.Slice(5)] = PriorTestModels.RandomIds(generator, 1, config.CaptionLength - 5, 3, config.VocabSize)[0];
        using var a = model.Encode(ids, mask);
        using var b = model.Encode(otherIds, mask);
        using var c = model.Encode(otherIds, ones(1, config.CaptionLength, dtype: int64));
        Assert.Equal(0, PriorTestModels.RelativeError(b[0, TensorIndex.Slice(0, 5)], a[0, TensorIndex.Slice(0, 5)]));
        Assert.True(PriorTestModels.RelativeError(c[0, TensorIndex.Slice(0, 5)], a[0, TensorIndex.Slice(0, 5)]) > 1e-3);
    }

    [Fact]
    public void Decoder_is_causal()
    {
        using var model = PriorTestModels.RandomTiny(12);
        var config = model.Config;
        var generator = new Generator(6);
        using var captions = PriorTestModels.RandomIds(generator, 1, config.CaptionLength, 3, config.VocabSize);
        using var captionMask = ones(1, config.CaptionLength, dtype: int64);
        using var states = model.Encode(captions, captionMask);
        using var ids = PriorTestModels.RandomIds(generator, 1, 6, 3, config.VocabSize);
        using var changed = ids.clone();
        changed[0, 4] = (ids[0, 4].item<long>() + 1 - 3) % (config.VocabSize - 3) + 3;
        using var mask = ones(1, 6, dtype: int64);
        var (logitsA, _) = model.Decode(ids, mask, states, captionMask);
        var (logitsB, _) = model.Decode(changed, mask, states, captionMask);
        Assert.Equal(0, PriorTestModels.RelativeError(logitsB[0, TensorIndex.Slice(0, 4)], logitsA[0, TensorIndex.Slice(0, 4)]));
        Assert.True(PriorTestModels.RelativeError(logitsB[0, 4], logitsA[0, 4]) > 1e-3);
    }

    [Fact]
    public void Captions_pad_to_the_fixed_length()
    {
        var config = T5PriorConfig.Tiny;
        var (ids, mask) = CaptionPadding.PadCaptions(config, [[5, 1], [6, 7, 8, 1]]);
        Assert.Equal(new long[] { 5, 1, 0, 0, 0, 0, 0, 0, 6, 7, 8, 1, 0, 0, 0, 0 }, ids);
        Assert.Equal(new long[] { 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0 }, mask);
        Assert.Throws<ArgumentException>(() => CaptionPadding.PadCaptions(config, [new long[9]]));
        Assert.Throws<ArgumentException>(() => new T5Prior(config with { DecoderStartId = 0 }));
    }

    // HF _relative_position_bucket, written out per scalar (rel = key − query).
    private static long ExpectedBucket(long rel, bool bidirectional)
    {
        long numBuckets = 32, bucket = 0, n;
        if (bidirectional)
        {
            numBuckets /= 2;
            bucket += rel > 0 ? numBuckets : 0;
            n = Math.Abs(rel);
        }
        else
        {
            n = Math.Max(-rel, 0);
        }
        var maxExact = numBuckets / 2;
        if (n < maxExact)
            return bucket + n;
        var large = maxExact + (long)(Math.Log(n / (double)maxExact) / Math.Log(128.0 / maxExact) * (numBuckets - maxExact));
        return bucket + Math.Min(large, numBuckets - 1);
    }
}

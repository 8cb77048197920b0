using Kaleido.Export.Prior;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Package;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Prior;

/// <summary>encoder.onnx and decoder.onnx in plain ONNX Runtime against the TorchSharp prior, fp32, error ≤ 1e-4.</summary>
public sealed class PriorOnnxParityTests(TinyPriorPackage package, ITestOutputHelper output) : IClassFixture<TinyPriorPackage>
{
    private const double Tolerance = 1e-4;
    private const int Batch = 3;
    private const int DecoderLength = 9;

    [Fact]
    public void Encoder_matches_torch()
    {
        var (ids, mask) = RandomCaptions(new Generator(1));
        var actual = package.RunEncoder(ids, mask, Batch);
        using var expected = package.Model.Encode(Ids(ids), Ids(mask));
        var error = PriorTestModels.RelativeError(actual, expected.data<float>().ToArray());
        output.WriteLine($"encoder error {error:E2}");
        Assert.True(error <= Tolerance, $"encoder error {error:E2}");
    }

    [Fact]
    public void Decoder_over_a_whole_sequence_matches_torch()
    {
        var generator = new Generator(2);
        var (captions, captionMask) = RandomCaptions(generator);
        var states = package.RunEncoder(captions, captionMask, Batch);
        var decoderIds = RandomDecoderIds(generator);
        var decoderMask = Enumerable.Repeat(1L, Batch * DecoderLength).ToArray();
        decoderMask[2 * DecoderLength + 4] = 0; // one masked key in the last row: the self-attention mask must apply

        var step = package.RunDecoder(decoderIds, Batch, decoderMask, package.EmptyCache(), package.EmptyCache(), 0, states, captionMask);
        using var statesTensor = TinyPriorPackage.AsTensor(states, Batch, package.Config.CaptionLength, package.Config.DModel);
        var (logits, hidden) = package.Model.Decode(Ids(decoderIds), Ids(decoderMask), statesTensor, Ids(captionMask));
        using (logits)
        using (hidden)
        {
            var logitsError = PriorTestModels.RelativeError(step.Logits, logits.data<float>().ToArray());
            var hiddenError = PriorTestModels.RelativeError(step.HiddenStates, hidden.data<float>().ToArray());
            output.WriteLine($"decoder whole-sequence logits error {logitsError:E2}, hidden_states error {hiddenError:E2}");
            Assert.True(logitsError <= Tolerance, $"logits error {logitsError:E2}");
            Assert.True(hiddenError <= Tolerance, $"hidden_states error {hiddenError:E2}");
        }
    }

    [Fact]
    public void Decoder_step_by_step_through_the_cache_matches_the_whole_sequence()
    {
        var generator = new Generator(3);
        var (captions, captionMask) = RandomCaptions(generator);
        var states = package.RunEncoder(captions, captionMask, Batch);
        var decoderIds = RandomDecoderIds(generator);
        var whole = package.RunDecoder(decoderIds, Batch, Ones(Batch * DecoderLength), package.EmptyCache(), package.EmptyCache(), 0, states, captionMask);

        // First call takes 2 tokens with an empty cache, then one token per call (S = 1, P = 2..8).
        var config = package.Config;
        var keys = package.EmptyCache();
        var values = package.EmptyCache();
        var logits = new float[Batch, DecoderLength, config.VocabSize];
        var hidden = new float[Batch, DecoderLength, config.DModel];
        var past = 0;
        foreach (var count in new[] { 2 }.Concat(Enumerable.Repeat(1, DecoderLength - 2)))
        {
            var ids = new long[Batch * count];
            for (var b = 0; b < Batch; b++)
                Array.Copy(decoderIds, b * DecoderLength + past, ids, b * count, count);
            var step = package.RunDecoder(ids, Batch, Ones(Batch * (past + count)), keys, values, past, states, captionMask);
            for (var b = 0; b < Batch; b++)
            {
                for (var s = 0; s < count; s++)
                {
                    for (var v = 0; v < config.VocabSize; v++)
                        logits[b, past + s, v] = step.Logits[(b * count + s) * config.VocabSize + v];
                    for (var d = 0; d < config.DModel; d++)
                        hidden[b, past + s, d] = step.HiddenStates[(b * count + s) * config.DModel + d];
                }
            }
            (keys, values) = (step.PresentKeys, step.PresentValues);
            past += count;
            Assert.Equal(Batch * config.NumHeads * past * config.DKv, keys[0].Length);
        }

        var logitsError = PriorTestModels.RelativeError(logits.Cast<float>().ToArray(), whole.Logits);
        var hiddenError = PriorTestModels.RelativeError(hidden.Cast<float>().ToArray(), whole.HiddenStates);
        output.WriteLine($"decoder cached-steps logits error {logitsError:E2}, hidden_states error {hiddenError:E2}");
        Assert.True(logitsError <= Tolerance, $"logits error {logitsError:E2}");
        Assert.True(hiddenError <= Tolerance, $"hidden_states error {hiddenError:E2}");
    }

    /// <summary>Three captions of lengths L, 5 and 2 (ending in eos), right-padded to the fixed caption length.</summary>
    private (long[] Ids, long[] Mask) RandomCaptions(Generator generator)
    {
        var config = package.Config;
        var captions = new[] { config.CaptionLength, 5, 2 }.Select(length =>
        {
            var tokens = randint(3, config.VocabSize, [length], dtype: int64, generator: generator).data<long>().ToArray();
            tokens[^1] = config.EosId;
            return tokens;
        }).ToList();
        return CaptionPadding.PadCaptions(config, captions);
    }

    /// <summary>shift_right of random latent tokens through the runtime's DecoderInputs, [B, DecoderLength] flat.</summary>
    private long[] RandomDecoderIds(Generator generator)
    {
        var config = package.Config;
        var tokens = new SpecialTokens((int)config.PadId, (int)config.EosId, (int)config.DecoderStartId, Unk: 3);
        var ids = new long[Batch * DecoderLength];
        for (var b = 0; b < Batch; b++)
        {
            var latents = randint(3, config.VocabSize, [DecoderLength - 1], dtype: int64, generator: generator).data<long>().ToArray();
            DecoderInputs.Build(Array.ConvertAll(latents, t => (int)t), tokens, DecoderLength - 1,
                ids.AsSpan(b * DecoderLength, DecoderLength), new long[DecoderLength]);
        }
        return ids;
    }

    private static long[] Ones(int count) => Enumerable.Repeat(1L, count).ToArray();

    private static Tensor Ids(long[] values) => TinyPriorPackage.AsTensor(values, Batch, values.Length / Batch);
}

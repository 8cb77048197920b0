using Kaleido.Export.Packaging;
using Kaleido.Export.Training;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Training;

/// <summary>
/// The conditioning built for training matches the runtime contract, checked against the prior's own
/// encoder and decoder run separately: encoder(caption) ; decoder([start, z…]) for kept rows and
/// encoder(empty caption) ; decoder([start]) for dropped rows, padded positions zero.
/// </summary>
public class ConditioningBuilderTests
{
    private static readonly ModelDefinition Config = TrainingTestData.Micro;

    [Fact]
    public void DroppedRowsGetTheContractsUnconditionalInputAndKeptRowsTheirOwn()
    {
        set_num_threads(1);
        var examples = TrainingTestData.Examples(Config, 4, seed: 21);
        using var prior = TrainingModels.CreatePrior(Config, 21);
        using var batch = TrainingBatchBuilder.Build(Config, examples, [0, 1, 2, 3]);
        using var drop = tensor(new[] { true, false, true, false });
        var (states, mask, _) = ConditioningBuilder.Kaleido(prior, Config, batch, drop);
        int lc = Config.Prior.CaptionLength, s = Config.DecoderLength;
        Assert.Equal(new long[] { 4, lc + s, Config.Prior.DModel }, states.shape);

        // Expected unconditional row: the encoder on "" alone, then the decoder on the start token alone (length 1).
        using var emptyIds = tensor(new long[] { Config.Prior.EosId }, [1, 1]);
        using var emptyMask = ones(1, 1, dtype: int64);
        using var emptyStates = prior.Encode(emptyIds, emptyMask);                          // [1, 1, D]
        using var startIds = tensor(new long[] { Config.Prior.DecoderStartId }, [1, 1]);
        var (_, startHidden) = prior.Decode(startIds, ones(1, 1, dtype: int64), emptyStates, emptyMask); // [1, 1, D]

        for (int row = 0; row < 4; row++)
        {
            var rowStates = states[row];                                                    // [Lc + S, D]
            var rowMask = mask[row].data<long>().ToArray();
            if (row % 2 == 0)
            {
                AssertClose(emptyStates[0, 0], rowStates[0]);
                AssertClose(startHidden[0, 0], rowStates[lc]);
                var expectedMask = new long[lc + s];
                expectedMask[0] = 1;
                expectedMask[lc] = 1;
                Assert.Equal(expectedMask, rowMask);
            }
            else
            {
                // Kept row: the example's own caption and latents, each run through the prior unpadded.
                var example = examples[row];
                int words = example.CaptionMask.Sum();
                using var captionIds = tensor(example.CaptionIds.Take(words).Select(i => (long)i).ToArray(), [1, words]);
                using var captionMask = ones(1, words, dtype: int64);
                using var encoded = prior.Encode(captionIds, captionMask);
                int n = example.LatentTokens.Length;
                var decoderIds = new[] { Config.Prior.DecoderStartId }.Concat(example.LatentTokens.Select(t => (long)t)).ToArray();
                var (_, hidden) = prior.Decode(tensor(decoderIds, [1, n + 1]), ones(1, n + 1, dtype: int64), encoded, captionMask);
                for (int i = 0; i < words; i++)
                    AssertClose(encoded[0, i], rowStates[i]);
                for (int i = 0; i <= n; i++)
                    AssertClose(hidden[0, i], rowStates[lc + i]);
                Assert.Equal(Enumerable.Repeat(1L, words).Concat(Enumerable.Repeat(0L, lc - words))
                    .Concat(Enumerable.Repeat(1L, n + 1)).Concat(Enumerable.Repeat(0L, s - n - 1)), rowMask);
            }
            // Every padded position is exactly zero, as ConditioningSequence writes it.
            for (int i = 0; i < lc + s; i++)
                if (rowMask[i] == 0)
                    Assert.Equal(0f, rowStates[i].abs().max().item<float>());
        }
    }

    [Fact]
    public void BaselineDroppedRowsGetTheEmptyCaptionStates()
    {
        set_num_threads(1);
        var examples = TrainingTestData.Examples(Config, 2, seed: 22);
        using var prior = TrainingModels.CreatePrior(Config, 22);
        using var batch = TrainingBatchBuilder.Build(Config, examples, [0, 1]);
        var (states, mask) = ConditioningBuilder.Baseline(prior, Config, batch, tensor(new[] { false, true }));
        Assert.Equal(new long[] { 2, Config.Prior.CaptionLength, Config.Prior.DModel }, states.shape);

        using var emptyStates = prior.Encode(tensor(new long[] { Config.Prior.EosId }, [1, 1]), ones(1, 1, dtype: int64));
        AssertClose(emptyStates[0, 0], states[1, 0]);
        Assert.Equal(0f, states[1, TensorIndex.Slice(1)].abs().max().item<float>());
        Assert.Equal(new long[] { 1 }.Concat(new long[Config.Prior.CaptionLength - 1]), mask[1].data<long>().ToArray());
        Assert.Equal(examples[0].CaptionMask.Select(m => (long)m), mask[0].data<long>().ToArray());
    }

    /// <summary>Padding never changes a real position's state beyond float rounding (T5's mask adds finfo.min).</summary>
    private static void AssertClose(Tensor expected, Tensor actual)
    {
        double error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= 1e-5, $"max |difference| {error:E2} > 1e-5");
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Kaleido.Cli.Bench;
using Kaleido.Runtime.Package;
using Microsoft.ML.OnnxRuntimeGenAI;
using static TorchSharp.torch;
using GenAiTensor = Microsoft.ML.OnnxRuntimeGenAI.Tensor;
using TorchTensor = TorchSharp.torch.Tensor;

namespace Kaleido.Benchmarks;

/// <summary>Decoding speed at one latent length: GenAI with its KV cache vs TorchSharp re-running the whole prefix each token.</summary>
sealed record PriorComparison(int Tokens, TimingSummary GenAiTokensPerSecond, TimingSummary TorchTokensPerSecond, int GenAiTokensMade, TimingSummary GenAiSetupMilliseconds)
{
    /// <summary>GenAI / TorchSharp, medians.</summary>
    public double Speedup => GenAiTokensPerSecond.Median / TorchTokensPerSecond.Median;
}

/// <summary>
/// Greedy decoding (GenAI: top-k 1 sampling) of exactly N latent tokens after the start token, on both sides under the same encoder states
/// (computed once by the TorchSharp encoder and fed to both). GenAI's eos is held off with min_length so every
/// run makes N tokens; TorchSharp has no cache, so step k runs the decoder over all k tokens so far (O(N²) work).
/// The time includes creating GenAI's generator and feeding the start token.
/// </summary>
static class PriorSideBySide
{
    public static PriorComparison[] Run(BenchmarkModel model, IReadOnlyList<int> lengths, int repetitions)
    {
        var prior = model.Weights.Prior;
        var config = prior.Config;
        var random = new Random(11);
        long[] captionIds = Enumerable.Range(0, config.CaptionLength).Select(_ => (long)random.Next(3, (int)config.VocabSize)).ToArray();
        using var ids = tensor(captionIds, [1, config.CaptionLength]);
        using var captionMask = ones([1, config.CaptionLength], ScalarType.Int64);
        using var guard = no_grad();
        using var states = prior.Encode(ids, captionMask);
        float[] statesData = states.data<float>().ToArray();
        long[] maskData = captionMask.data<long>().ToArray();

        string genAiFolder = Path.GetDirectoryName(model.Package.PathOf(PackageFileRoles.GenAiConfig))!;
        using var genAiConfig = new Config(genAiFolder);
        genAiConfig.ClearProviders();
        using var genAiModel = new Model(genAiConfig);

        foreach (int n in lengths)
            if (n + 1 > config.DecoderContextLength)
                throw new ArgumentException($"Length {n} needs a context of {n + 1}; the prior has {config.DecoderContextLength}.");

        // All GenAI runs, then all TorchSharp runs: one runtime's idle threads never compete with the other's timing.
        var made = new int[lengths.Count];
        var setup = new TimingSummary[lengths.Count];
        var genAi = lengths.Select((n, i) =>
            {
                var setupMs = new List<double>();
                var total = Measure.Milliseconds(() =>
                {
                    made[i] = GenAiGreedy(genAiModel, statesData, maskData, config.CaptionLength, config.DModel, config.DecoderStartId, n);
                    setupMs.Add(LastSetupMilliseconds);
                }, repetitions, warmups: 1);
                setup[i] = TimingSummary.Of(setupMs.Skip(1).ToArray());
                return total.Inverted(1000.0 * n);
            })
            .ToArray();
        Measure.Settle();
        var torchSide = lengths.Select(n => Measure.Milliseconds(
                () => TorchGreedy(prior, states, captionMask, config.DecoderStartId, n), repetitions, warmups: 1).Inverted(1000.0 * n))
            .ToArray();
        var results = lengths.Select((n, i) => new PriorComparison(n, genAi[i], torchSide[i], made[i], setup[i])).ToList();
        return [.. results];
    }

    /// <summary>Of the last GenAI run: creating the generator, feeding the encoder states and the start token (its prefill).</summary>
    static double LastSetupMilliseconds;

    static int GenAiGreedy(Model model, float[] states, long[] mask, int captionLength, int width, long startId, int n)
    {
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("batch_size", 1);
        parameters.SetSearchOption("max_length", n + 1);
        parameters.SetSearchOption("min_length", n + 1);
        // Greedy as top-k 1 sampling: GenAI 0.18's do_sample = false path spends about 15 ms creating each generator
        // (measured here; sampling's generator takes well under 1 ms), which is not decoding speed.
        parameters.SetSearchOption("do_sample", true);
        parameters.SetSearchOption("top_k", 1);
        parameters.SetSearchOption("random_seed", 1);
        long start = Stopwatch.GetTimestamp();
        GCHandle statesHandle = GCHandle.Alloc(states, GCHandleType.Pinned);
        GCHandle maskHandle = GCHandle.Alloc(mask, GCHandleType.Pinned);
        try
        {
            using var generator = new Microsoft.ML.OnnxRuntimeGenAI.Generator(model, parameters);
            using var statesTensor = new GenAiTensor(statesHandle.AddrOfPinnedObject(), [1, captionLength, width], ElementType.float32);
            using var maskTensor = new GenAiTensor(maskHandle.AddrOfPinnedObject(), [1, captionLength], ElementType.int64);
            generator.SetModelInput(GraphNames.Decoder.EncoderHiddenStates, statesTensor);
            generator.SetModelInput(GraphNames.Decoder.EncoderAttentionMask, maskTensor);
            generator.AppendTokens([(int)startId]);
            LastSetupMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            while (!generator.IsDone())
                generator.GenerateNextToken();
            return generator.GetSequence(0).Length - 1;
        }
        finally
        {
            statesHandle.Free();
            maskHandle.Free();
        }
    }

    static void TorchGreedy(Kaleido.Export.Prior.T5Prior prior, TorchTensor states, TorchTensor captionMask, long startId, int n)
    {
        var sequence = new List<long>(n + 1) { startId };
        for (int k = 0; k < n; k++)
        {
            using var scope = NewDisposeScope();
            var ids = tensor(sequence.ToArray(), [1, sequence.Count]);
            var mask = ones([1, sequence.Count], ScalarType.Int64);
            var (logits, _) = prior.Decode(ids, mask, states, captionMask);
            sequence.Add(logits[0, -1].argmax().item<long>());
        }
        Debug.Assert(sequence.Count == n + 1);
    }
}

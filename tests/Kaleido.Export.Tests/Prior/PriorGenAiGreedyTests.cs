using System.Runtime.InteropServices;
using Kaleido.Export.Prior;
using Microsoft.ML.OnnxRuntimeGenAI;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Prior;

/// <summary>GenAI greedy decoding of the exported prior against a TorchSharp greedy loop (full recompute per step).</summary>
public sealed class PriorGenAiGreedyTests(TinyPriorPackage package, ITestOutputHelper output) : IClassFixture<TinyPriorPackage>
{
    /// <summary>Below this top-1/top-2 logit gap a token is a near tie that fp32 noise may flip.</summary>
    private const float TieGap = 1e-3f;
    private const int MaxLength = 16;

    [Fact]
    public void Genai_greedy_tokens_match_torch_greedy_for_a_padded_batch()
    {
        var config = package.Config;
        var generator = new torch.Generator(4);
        var captionTokens = new[] { config.CaptionLength, 3 }.Select(length =>
        {
            var tokens = randint(3, config.VocabSize, [length], dtype: int64, generator: generator).data<long>().ToArray();
            tokens[^1] = config.EosId;
            return tokens;
        }).ToList();
        var batch = captionTokens.Count;
        var (captions, captionMask) = CaptionPadding.PadCaptions(config, captionTokens);
        var states = package.RunEncoder(captions, captionMask, batch);

        var actual = RunGenAi(states, captionMask, batch);
        var (expected, gaps) = TorchGreedy(states, captionMask, batch);

        for (var b = 0; b < batch; b++)
        {
            output.WriteLine($"row {b}: genai [{string.Join(' ', actual[b])}] torch [{string.Join(' ', expected[b])}] min gap {gaps[b].Min():F4}");
            var compared = 0;
            for (var t = 1; t < expected[b].Count; t++)
            {
                if (gaps[b][t - 1] <= TieGap)
                {
                    // A near tie: tokens may legitimately differ from here on; compare the ONNX logits under the torch prefix instead.
                    AssertLogitsUnderPrefix(expected[b].Take(t).ToArray(), states, captionMask, b);
                    break;
                }
                Assert.True(t < actual[b].Length, $"row {b}: GenAI stopped after {actual[b].Length} tokens, torch has {expected[b].Count}.");
                Assert.Equal(expected[b][t], actual[b][t]);
                compared++;
            }
            Assert.True(compared >= 3, $"row {b}: only {compared} tokens compared.");
            Assert.True(expected[b].Skip(1).Distinct().Count() >= 3, $"row {b}: the greedy sequence is degenerate: {string.Join(' ', expected[b])}.");
        }
    }

    private long[][] RunGenAi(float[] states, long[] captionMask, int batch)
    {
        var config = package.Config;
        Kaleido.Runtime.Native.NativeEnvironment.DisableTelemetry();
        using var genAiConfig = new Config(package.Directory);
        genAiConfig.ClearProviders();
        using var model = new Model(genAiConfig);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("batch_size", batch);
        parameters.SetSearchOption("max_length", MaxLength);
        parameters.SetSearchOption("do_sample", false);

        // GenAI wraps these buffers without copying: they stay pinned until the generator is disposed.
        var statesHandle = GCHandle.Alloc(states, GCHandleType.Pinned);
        var maskHandle = GCHandle.Alloc(captionMask, GCHandleType.Pinned);
        try
        {
            using var generator = new Microsoft.ML.OnnxRuntimeGenAI.Generator(model, parameters);
            using var statesTensor = new Microsoft.ML.OnnxRuntimeGenAI.Tensor(statesHandle.AddrOfPinnedObject(), [batch, config.CaptionLength, config.DModel], ElementType.float32);
            using var maskTensor = new Microsoft.ML.OnnxRuntimeGenAI.Tensor(maskHandle.AddrOfPinnedObject(), [batch, config.CaptionLength], ElementType.int64);
            generator.SetModelInput("encoder_hidden_states", statesTensor);
            generator.SetModelInput("encoder_attention_mask", maskTensor);
            generator.AppendTokens(Enumerable.Repeat((int)config.DecoderStartId, batch).ToArray());
            while (!generator.IsDone())
                generator.GenerateNextToken();
            return Enumerable.Range(0, batch).Select(b => generator.GetSequence((ulong)b).ToArray().Select(t => (long)t).ToArray()).ToArray();
        }
        finally
        {
            statesHandle.Free();
            maskHandle.Free();
        }
    }

    /// <summary>Greedy decoding with the TorchSharp prior; each row stops at eos. Returns tokens (start first) and each step's top-1/top-2 gap.</summary>
    private (List<long>[] Tokens, List<float>[] Gaps) TorchGreedy(float[] states, long[] captionMask, int batch)
    {
        var config = package.Config;
        var tokens = Enumerable.Range(0, batch).Select(_ => new List<long> { config.DecoderStartId }).ToArray();
        var gaps = Enumerable.Range(0, batch).Select(_ => new List<float>()).ToArray();
        using var statesTensor = TinyPriorPackage.AsTensor(states, batch, config.CaptionLength, config.DModel);
        using var maskTensor = TinyPriorPackage.AsTensor(captionMask, batch, config.CaptionLength);
        for (var b = 0; b < batch; b++)
        {
            using var rowStates = statesTensor[TensorIndex.Slice(b, b + 1)];
            using var rowMask = maskTensor[TensorIndex.Slice(b, b + 1)];
            while (tokens[b].Count < MaxLength && tokens[b][^1] != config.EosId)
            {
                using var scope = NewDisposeScope();
                var ids = tensor(tokens[b].ToArray(), [1, tokens[b].Count]);
                var (logits, _) = package.Model.Decode(ids, ones_like(ids), rowStates, rowMask);
                var last = logits[0, -1].data<float>().ToArray();
                var order = Enumerable.Range(0, last.Length).OrderByDescending(i => last[i]).ToArray();
                gaps[b].Add(last[order[0]] - last[order[1]]);
                tokens[b].Add(order[0]);
            }
        }
        return (tokens, gaps);
    }

    private void AssertLogitsUnderPrefix(long[] prefix, float[] states, long[] captionMask, int row)
    {
        var config = package.Config;
        var rowStates = states.AsSpan(row * config.CaptionLength * config.DModel, config.CaptionLength * config.DModel).ToArray();
        var rowMask = captionMask.AsSpan(row * config.CaptionLength, config.CaptionLength).ToArray();
        var step = package.RunDecoder(prefix, 1, Enumerable.Repeat(1L, prefix.Length).ToArray(), package.EmptyCache(), package.EmptyCache(), 0, rowStates, rowMask);
        var (logits, hidden) = package.Model.Decode(tensor(prefix, [1, prefix.Length]), ones(1, prefix.Length, dtype: int64),
            TinyPriorPackage.AsTensor(rowStates, 1, config.CaptionLength, config.DModel), TinyPriorPackage.AsTensor(rowMask, 1, config.CaptionLength));
        using (logits)
        using (hidden)
            Assert.True(PriorTestModels.RelativeError(step.Logits, logits.data<float>().ToArray()) <= 1e-4);
    }
}

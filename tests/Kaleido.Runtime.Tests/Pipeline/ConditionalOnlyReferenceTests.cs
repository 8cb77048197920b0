using Kaleido.Runtime.Diffusion.Guidance;
using Kaleido.Runtime.Diffusion.Noise;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Diffusion.Schedules;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kaleido.Runtime.Tests.Pipeline;

/// <summary>
/// Guidance 1 runs the conditional row only: the pipeline's image equals one rebuilt here from plain
/// InferenceSession.Run calls (no IOBinding, no pipeline code), with the conditioning assembled by hand.
/// </summary>
public sealed class ConditionalOnlyReferenceTests(TinyKaleidoPipeline fixture) : IClassFixture<TinyKaleidoPipeline>
{
    [Fact]
    public void Guidance_one_equals_a_hand_built_conditional_only_run()
    {
        const string prompt = "two squares";
        const ulong seed = 21;
        const int index = 1;
        var settings = new RenderSettings { Steps = 4, Sampler = "ddpm", Guidance = 1 }; // stochastic: the noise path too
        var latents = new LatentsDocument(prompt, LatentsParser.Parse(LatentKind.Text, "a small square"));
        RenderedImage actual = fixture.Pipeline.Render(latents, seed, index, settings);

        string dir = FixturePackages.PathOf(FixturePackages.TinyKaleido);
        var m = fixture.Pipeline.Manifest;
        int lc = m.Conditioning.MaxCaptionTokens, ld = m.Conditioning.MaxLatentTokens + 1, d = m.Conditioning.Width;
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, InterOpNumThreads = 1 };
        using var encoder = new InferenceSession(Path.Combine(dir, "encoder.onnx"), options);
        using var decoder = new InferenceSession(Path.Combine(dir, "decoder.onnx"), options);
        using var denoiser = new InferenceSession(Path.Combine(dir, "denoiser.onnx"), options);

        // Caption states [Lc, D].
        var caption = fixture.Pipeline.Tokenizer.EncodeFixedLength(prompt, lc);
        long[] captionIds = caption.Ids.Select(i => (long)i).ToArray(), captionMask = caption.AttentionMask.Select(i => (long)i).ToArray();
        using var encoded = encoder.Run([
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(captionIds, [1, lc])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(captionMask, [1, lc]))]);
        float[] captionStates = encoded.Single(r => r.Name == "encoder_hidden_states").AsTensor<float>().ToArray();

        // Decoder states at [start, z…, pad…] [Ld, D], empty cache.
        int[] z = fixture.Pipeline.Tokenizer.Encode("a small square");
        var decoderIds = new long[ld];
        var decoderMask = new long[ld];
        decoderIds[0] = m.Tokens.DecoderStart;
        for (int i = 0; i < ld; i++) decoderMask[i] = i <= z.Length ? 1 : 0;
        for (int i = 0; i < z.Length; i++) decoderIds[i + 1] = z[i];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(decoderIds, [1, ld])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(decoderMask, [1, ld])),
            NamedOnnxValue.CreateFromTensor("position_ids", new DenseTensor<long>(Enumerable.Range(0, ld).Select(i => (long)i).ToArray(), [1, ld])),
            NamedOnnxValue.CreateFromTensor("encoder_hidden_states", new DenseTensor<float>(captionStates, [1, lc, d])),
            NamedOnnxValue.CreateFromTensor("encoder_attention_mask", new DenseTensor<long>(captionMask, [1, lc])),
        };
        for (int layer = 0; layer < m.Prior!.DecoderLayers; layer++)
            foreach (string kind in new[] { "key", "value" })
                inputs.Add(NamedOnnxValue.CreateFromTensor($"past_key_values.{layer}.{kind}",
                    new DenseTensor<float>(Array.Empty<float>(), [1, m.Prior.Heads, 0, m.Prior.HeadSize])));
        using var decoded = decoder.Run(inputs);
        float[] decoderStates = decoded.Single(r => r.Name == "hidden_states").AsTensor<float>().ToArray();

        // cond = [caption ; decoder], padded rows zeroed.
        var lm = new float[(lc + ld) * d];
        var mask = new long[lc + ld];
        for (int t = 0; t < lc + ld; t++)
        {
            mask[t] = t < lc ? captionMask[t] : decoderMask[t - lc];
            if (mask[t] == 0) continue;
            float[] source = t < lc ? captionStates : decoderStates;
            Array.Copy(source, (t < lc ? t : t - lc) * d, lm, t * d, d);
        }

        var scheduleSettings = new NoiseScheduleSettings { ShiftPower = m.Schedule.ShiftPower };
        int[] sides = [.. m.Resolutions];
        var resolutions = sides.Select(s => new DenoiseResolution(3 * s * s, NoiseSchedule.CreateForScale(scheduleSettings, (double)s / sides[^1]))).ToArray();
        var noise = new KeyedStepNoise([new NoiseKey(seed, index, 0, 0)], sides);
        var samples = sides.Select((s, r) => { var x = new float[3 * s * s]; noise.FillStart(r, 0, x); return new Memory<float>(x); }).ToArray();
        new DenoiseLoop(new DenoiseLoopSettings { Steps = 4, Sampler = "ddpm", Guidance = 1 }, resolutions, 1)
            .Run(new PlainRunModel(denoiser, sides, lm, mask), noise, samples);

        Assert.Equal(samples[0].ToArray(), actual.Pixels);
    }

    sealed class PlainRunModel(InferenceSession session, int[] sides, float[] lm, long[] mask) : IVelocityModel
    {
        public void PredictVelocity(int modelTime, ReadOnlySpan<ReadOnlyMemory<float>> xt, ReadOnlySpan<Memory<float>> velocity, GuidanceBatchLayout layout)
        {
            Assert.Equal(GuidanceBatchLayout.ConditionalOnly, layout);
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("t", new DenseTensor<long>(new long[] { modelTime }, [1])),
                NamedOnnxValue.CreateFromTensor("lm", new DenseTensor<float>(lm, [1, mask.Length, lm.Length / mask.Length])),
                NamedOnnxValue.CreateFromTensor("mask", new DenseTensor<long>(mask, [1, mask.Length])),
            };
            for (int r = 0; r < sides.Length; r++)
                inputs.Add(NamedOnnxValue.CreateFromTensor($"x_t_{r}", new DenseTensor<float>(xt[r].ToArray(), [1, 3, sides[r], sides[r]])));
            using var results = session.Run(inputs);
            for (int r = 0; r < sides.Length; r++)
                results.Single(x => x.Name == $"v_{r}").AsTensor<float>().ToArray().CopyTo(velocity[r]);
        }
    }
}

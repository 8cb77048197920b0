using System.Runtime.InteropServices;
using Kaleido.Export.Packaging.Fixtures;
using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.OnnxRuntimeGenAI;
using Xunit.Abstractions;

namespace Kaleido.Export.Tests.Packaging;

/// <summary>
/// The committed fixture packages run through the runtime's path: verified loading, the caption encoder, GenAI
/// sampling of latents that the latents parser accepts, teacher-forced decoder states from the manifest's prior
/// section, and a denoiser whose outputs are O(1).
/// </summary>
public sealed class FixturePackageTests(ITestOutputHelper output)
{
    static readonly string[] Captions = ["a red circle", "a purple circle and a yellow heart", "a green star and a blue ring", "two orange squares"];

    [Fact]
    public void Kaleido_fixture_samples_valid_latents_and_conditions_the_denoiser()
    {
        ModelPackage package = ModelPackage.Load(FixturePaths.Package(FixtureCommand.KaleidoName));
        PackageManifest m = package.Manifest;
        PriorSpec prior = m.Prior!;
        var tokenizer = KaleidoTokenizer.Load(package.Directory);
        Assert.Equal(tokenizer.VocabSize, prior.VocabSize);
        Assert.Equal(m.Conditioning.MaxCaptionTokens + m.Conditioning.MaxLatentTokens + 1, m.Conditioning.Length);
        Assert.Equal(prior.ContextLength - 2, m.Conditioning.MaxLatentTokens);

        NativeTelemetryOff();
        var (captionIds, captionMask) = EncodeCaptions(tokenizer, m.Conditioning.MaxCaptionTokens);
        float[] states = RunEncoder(package, captionIds, captionMask);

        var latents = new List<(string Text, int[] Tokens)>();
        foreach (bool sample in new[] { false, true })
        {
            foreach (int[] tokens in SampleWithGenAi(package, states, captionMask, sample))
            {
                string text = tokenizer.Decode(tokens);
                output.WriteLine($"{(sample ? "sampled" : "greedy ")}: {text}");
                Assert.IsType<TextLatents>(LatentsParser.Parse(LatentKind.Text, text)); // throws on invalid latents
                latents.Add((text, tokens));
            }
        }
        // The prior learned its pairs: greedy decoding of a training caption gives that caption's latents.
        Assert.Equal(FixturePairs.All[0].Latents.ToText(), latents[0].Text);

        // Runtime conditioning: [encoder states ; decoder hidden states at shift_right(latents)] for every caption.
        int ld = DecoderInputs.Length(m.Conditioning.MaxLatentTokens), lc = m.Conditioning.MaxCaptionTokens, d = m.Conditioning.Width;
        var lm = new float[Captions.Length * m.Conditioning.Length * d];
        var lmMask = new long[Captions.Length * m.Conditioning.Length];
        using var decoder = new InferenceSession(package.PathOf(PackageFileRoles.Decoder));
        for (int b = 0; b < Captions.Length; b++)
        {
            var ids = new long[ld];
            var mask = new long[ld];
            DecoderInputs.Build(latents[b].Tokens, m.Tokens, m.Conditioning.MaxLatentTokens, ids, mask);
            float[] hidden = RunDecoderTeacherForced(decoder, prior, d, ids, mask, states.AsSpan(b * lc * d, lc * d).ToArray(), captionMask.AsSpan(b * lc, lc).ToArray());
            ConditioningSequence.Concatenate(states.AsSpan(b * lc * d, lc * d), captionMask.AsSpan(b * lc, lc), hidden, mask, d,
                lm.AsSpan(b * m.Conditioning.Length * d, m.Conditioning.Length * d), lmMask.AsSpan(b * m.Conditioning.Length, m.Conditioning.Length));
        }
        AssertDenoiserOutputsAreOrderOne(package, lm, lmMask, Captions.Length, m.Conditioning.Length, d);
    }

    [Fact]
    public void Baseline_fixture_conditions_the_denoiser_on_the_caption_states()
    {
        ModelPackage package = ModelPackage.Load(FixturePaths.Package(FixtureCommand.BaselineName));
        PackageManifest m = package.Manifest;
        Assert.Equal(ModelKind.Baseline, m.Kind);
        Assert.Null(m.Prior);
        Assert.Equal(m.Conditioning.MaxCaptionTokens, m.Conditioning.Length);
        Assert.Empty(package.PathsOf(PackageFileRoles.Decoder));

        var tokenizer = KaleidoTokenizer.Load(package.Directory);
        var (captionIds, captionMask) = EncodeCaptions(tokenizer, m.Conditioning.MaxCaptionTokens);
        float[] states = RunEncoder(package, captionIds, captionMask);
        AssertDenoiserOutputsAreOrderOne(package, states, captionMask, Captions.Length, m.Conditioning.Length, m.Conditioning.Width);
    }

    static (long[] Ids, long[] Mask) EncodeCaptions(KaleidoTokenizer tokenizer, int length)
    {
        var encodings = Captions.Select(c => tokenizer.EncodeFixedLength(c, length)).ToArray();
        return (encodings.SelectMany(e => e.Ids).Select(i => (long)i).ToArray(), encodings.SelectMany(e => e.AttentionMask).Select(i => (long)i).ToArray());
    }

    static float[] RunEncoder(ModelPackage package, long[] ids, long[] mask)
    {
        using var encoder = new InferenceSession(package.PathOf(PackageFileRoles.Encoder));
        int length = package.Manifest.Conditioning.MaxCaptionTokens;
        using var results = encoder.Run([
            NamedOnnxValue.CreateFromTensor(GraphNames.Encoder.InputIds, new DenseTensor<long>(ids, [Captions.Length, length])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Encoder.AttentionMask, new DenseTensor<long>(mask, [Captions.Length, length])),
        ]);
        return results.Single(r => r.Name == GraphNames.Encoder.HiddenStates).AsTensor<float>().ToArray();
    }

    /// <summary>decoder.onnx over a whole padded sequence with an empty cache (past length 0): hidden states [Ld, D].</summary>
    static float[] RunDecoderTeacherForced(InferenceSession decoder, PriorSpec prior, int width, long[] ids, long[] mask, float[] states, long[] captionMask)
    {
        int ld = ids.Length, lc = captionMask.Length;
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor(GraphNames.Decoder.InputIds, new DenseTensor<long>(ids, [1, ld])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Decoder.AttentionMask, new DenseTensor<long>(mask, [1, ld])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Decoder.PositionIds, new DenseTensor<long>(Enumerable.Range(0, ld).Select(i => (long)i).ToArray(), [1, ld])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Decoder.EncoderHiddenStates, new DenseTensor<float>(states, [1, lc, width])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Decoder.EncoderAttentionMask, new DenseTensor<long>(captionMask, [1, lc])),
        };
        for (int i = 0; i < prior.DecoderLayers; i++)
        {
            int[] empty = [1, prior.Heads, 0, prior.HeadSize];
            inputs.Add(NamedOnnxValue.CreateFromTensor(string.Format(GraphNames.Decoder.PastKey, i), new DenseTensor<float>(empty)));
            inputs.Add(NamedOnnxValue.CreateFromTensor(string.Format(GraphNames.Decoder.PastValue, i), new DenseTensor<float>(empty)));
        }
        using var results = decoder.Run(inputs);
        return results.Single(r => r.Name == GraphNames.Decoder.HiddenStates).AsTensor<float>().ToArray();
    }

    /// <summary>GenAI greedy or seeded sampling for every caption; the latent tokens of each row (start and eos removed).</summary>
    static int[][] SampleWithGenAi(ModelPackage package, float[] states, long[] captionMask, bool sample)
    {
        PackageManifest m = package.Manifest;
        int batch = Captions.Length;
        using var config = new Config(package.Directory);
        config.ClearProviders();
        using var model = new Model(config);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("batch_size", batch);
        parameters.SetSearchOption("max_length", m.Prior!.ContextLength);
        parameters.SetSearchOption("do_sample", sample);
        if (sample)
        {
            parameters.SetSearchOption("temperature", 1.0);
            parameters.SetSearchOption("random_seed", 11);
        }
        // GenAI wraps these buffers without copying: they stay pinned until the generator is disposed.
        var statesHandle = GCHandle.Alloc(states, GCHandleType.Pinned);
        var maskHandle = GCHandle.Alloc(captionMask, GCHandleType.Pinned);
        try
        {
            using var generator = new Generator(model, parameters);
            using var statesTensor = new Microsoft.ML.OnnxRuntimeGenAI.Tensor(statesHandle.AddrOfPinnedObject(),
                [batch, m.Conditioning.MaxCaptionTokens, m.Conditioning.Width], ElementType.float32);
            using var maskTensor = new Microsoft.ML.OnnxRuntimeGenAI.Tensor(maskHandle.AddrOfPinnedObject(),
                [batch, m.Conditioning.MaxCaptionTokens], ElementType.int64);
            generator.SetModelInput(GraphNames.Decoder.EncoderHiddenStates, statesTensor);
            generator.SetModelInput(GraphNames.Decoder.EncoderAttentionMask, maskTensor);
            generator.AppendTokens(Enumerable.Repeat(m.Tokens.DecoderStart, batch).ToArray());
            while (!generator.IsDone())
                generator.GenerateNextToken();
            return Enumerable.Range(0, batch).Select(b =>
                generator.GetSequence((ulong)b).ToArray().Skip(1).TakeWhile(t => t != m.Tokens.Eos && t != m.Tokens.Pad).ToArray()).ToArray();
        }
        finally
        {
            statesHandle.Free();
            maskHandle.Free();
        }
    }

    /// <summary>The random fixture denoiser is not zero and not exploding: every output's RMS is within [0.1, 10].</summary>
    void AssertDenoiserOutputsAreOrderOne(ModelPackage package, float[] lm, long[] mask, int batch, int length, int width)
    {
        int side = package.Manifest.Resolutions[0], low = package.Manifest.Resolutions[1];
        var random = new Random(3);
        float[] Noise(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        using var session = new InferenceSession(package.PathOf(PackageFileRoles.Denoiser));
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor(GraphNames.Denoiser.NoisyImage(0), new DenseTensor<float>(Noise(batch * 3 * side * side), [batch, 3, side, side])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Denoiser.NoisyImage(1), new DenseTensor<float>(Noise(batch * 3 * low * low), [batch, 3, low, low])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Denoiser.Timestep, new DenseTensor<long>(Enumerable.Range(0, batch).Select(i => 100L + 250 * i).ToArray(), [batch])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Denoiser.Conditioning, new DenseTensor<float>(lm, [batch, length, width])),
            NamedOnnxValue.CreateFromTensor(GraphNames.Denoiser.ConditioningMask, new DenseTensor<long>(mask, [batch, length])),
        ]);
        for (int r = 0; r < 2; r++)
        {
            float[] v = results.Single(x => x.Name == GraphNames.Denoiser.Velocity(r)).AsTensor<float>().ToArray();
            Assert.All(v, x => Assert.True(float.IsFinite(x)));
            double rms = Math.Sqrt(v.Average(x => (double)x * x));
            output.WriteLine($"v_{r} RMS {rms:F3}");
            Assert.InRange(rms, 0.1, 10);
        }
    }

    static void NativeTelemetryOff() => Kaleido.Runtime.Native.NativeEnvironment.DisableTelemetry();
}

using Kaleido.Export.Prior;
using Kaleido.Export.Tests.Prior;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;
using Kaleido.Runtime.Text;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.RuntimeParity;

/// <summary>The runtime's encoder and teacher-forced decoder against TorchSharp's forward of the same random prior.</summary>
public sealed class PriorRuntimeParityTests(TinyPriorPackage package, ITestOutputHelper output) : IClassFixture<TinyPriorPackage>
{
    SpecialTokens Tokens => new((int)package.Config.PadId, (int)package.Config.EosId, (int)package.Config.DecoderStartId, Unk: 3);

    InferenceSession Open(string file, Func<InferenceSession, (TensorExpectation[], TensorExpectation[])> expectations) =>
        PackageSessions.OpenChecked(Path.Combine(package.Directory, file), file, new OrtSessionFactory(new SessionSettings()), expectations);

    EncodedCaption EncodeWithRuntime(InferenceSession session, int[] caption)
    {
        var config = package.Config;
        var ids = new int[config.CaptionLength];
        var mask = new int[config.CaptionLength];
        caption.CopyTo(ids, 0);
        Array.Fill(mask, 1, 0, caption.Length);
        return new CaptionEncoder(session, config.CaptionLength, config.DModel).Encode(new FixedLengthEncoding(ids, mask, caption.Length, false));
    }

    [Fact]
    public void Encoder_and_teacher_forced_hidden_states_match_torch()
    {
        var config = package.Config;
        using var encoderSession = Open(PriorOnnxExport.EncoderFileName, _ => PackageGraphExpectations.Encoder(config.CaptionLength, config.DModel));
        using var decoderSession = Open(PriorOnnxExport.DecoderFileName,
            s => PackageGraphExpectations.Decoder(config.CaptionLength, config.DModel, PackageGraphExpectations.CountDecoderLayers(s), null));
        int maxLatentTokens = config.DecoderContextLength - 2;
        var decoder = new TeacherForcedDecoder(decoderSession, Tokens, maxLatentTokens, config.DModel);

        var generator = new TorchSharp.torch.Generator(77);
        int[] caption = [.. randint(4, config.VocabSize, [5], dtype: int64, generator: generator).data<long>().ToArray().Select(t => (int)t), (int)config.EosId];
        int[] latents = [.. randint(4, config.VocabSize, [6], dtype: int64, generator: generator).data<long>().ToArray().Select(t => (int)t)];

        EncodedCaption encoded = EncodeWithRuntime(encoderSession, caption);
        DecoderStates states = decoder.Run(encoded, latents);

        // Reference: TorchSharp over the unpadded sequences.
        using var captionIds = tensor(caption.Select(t => (long)t).ToArray(), [1, caption.Length]);
        using var captionMask = ones(1, caption.Length, dtype: int64);
        using var expectedEncoder = package.Model.Encode(captionIds, captionMask);
        double encoderError = PriorTestModels.RelativeError(encoded.States.AsSpan(0, caption.Length * config.DModel), expectedEncoder.data<float>().ToArray());

        long[] decoderIds = [config.DecoderStartId, .. latents.Select(t => (long)t)];
        using var ids = tensor(decoderIds, [1, decoderIds.Length]);
        var (logits, hidden) = package.Model.Decode(ids, ones_like(ids), expectedEncoder, captionMask);
        using (logits)
        using (hidden)
        {
            double decoderError = PriorTestModels.RelativeError(states.States.AsSpan(0, decoderIds.Length * config.DModel), hidden.data<float>().ToArray());
            output.WriteLine($"encoder states: {encoderError:E2}; teacher-forced hidden states: {decoderError:E2}");
            Assert.True(encoderError <= 1e-4, $"encoder {encoderError:E2}");
            Assert.True(decoderError <= 1e-4, $"decoder {decoderError:E2}");
        }
        Assert.Equal(decoderIds.Length, states.Mask.Count(m => m == 1));
        Assert.All(states.Mask.Skip(decoderIds.Length), m => Assert.Equal(0, m));
    }

    [Fact]
    public void Genai_sampling_repeats_for_a_seed_and_differs_between_seeds()
    {
        var config = package.Config;
        using var encoderSession = Open(PriorOnnxExport.EncoderFileName, _ => PackageGraphExpectations.Encoder(config.CaptionLength, config.DModel));
        EncodedCaption encoded = EncodeWithRuntime(encoderSession, [10, 11, 12, (int)config.EosId]);
        using var sampler = new GenAiTokenSampler(package.Directory, (int)config.DecoderStartId, (int)config.EosId, config.VocabSize);
        var settings = new PriorSamplingSettings();
        int max = config.DecoderContextLength - 2;

        var first = sampler.Sample(encoded, PriorSeed.Derive(1, 0, 0), settings, max).Tokens;
        var again = sampler.Sample(encoded, PriorSeed.Derive(1, 0, 0), settings, max).Tokens;
        var other = Enumerable.Range(1, 4).Select(i => sampler.Sample(encoded, PriorSeed.Derive(1, i, 0), settings, max).Tokens).ToArray();
        output.WriteLine($"seed (1,0,0): [{string.Join(' ', first)}]");
        Assert.Equal(first, again);
        Assert.Contains(other, tokens => !tokens.SequenceEqual(first));
        Assert.All(other.Append(first), tokens => Assert.DoesNotContain((int)config.EosId, tokens));
    }

    [Fact]
    public void A_graph_that_disagrees_with_the_manifest_names_the_file_the_tensor_and_the_expectation()
    {
        var config = package.Config;
        var error = Assert.Throws<PackageException>(() =>
            Open(PriorOnnxExport.EncoderFileName, _ => PackageGraphExpectations.Encoder(config.CaptionLength, config.DModel + 1)));
        Assert.Contains("encoder.onnx output 'encoder_hidden_states'", error.Message);
        Assert.Contains($"[any, {config.CaptionLength}, {config.DModel + 1}]", error.Message);
    }
}

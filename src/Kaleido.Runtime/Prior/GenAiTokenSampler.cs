using System.Runtime.InteropServices;
using Kaleido.Runtime.Native;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Kaleido.Runtime.Prior;

/// <summary>
/// Samples latent token ids from decoder.onnx with ONNX Runtime GenAI ("decoder" model type, the encoder's
/// states fed as extra inputs; genai-prior-contract.md). One Generator per sample, batch 1: GenAI's sampler
/// draws rows of a batch from one random stream, so a batched row would depend on its neighbours.
/// GenAI runs on the CPU in every build (the served GenAI package has no CUDA provider); the prior is cheap
/// next to the denoising loop.
/// </summary>
public sealed class GenAiTokenSampler : IDisposable
{
    readonly Config _config;
    readonly Model _model;

    /// <param name="modelDirectory">The folder holding genai_config.json and decoder.onnx.</param>
    /// <param name="decoderStartId">The decoder start token, fed as the prompt.</param>
    /// <param name="eosId">The end of sequence token.</param>
    /// <param name="vocabSize">V, for top-k.</param>
    public GenAiTokenSampler(string modelDirectory, int decoderStartId, int eosId, int vocabSize)
    {
        NativeEnvironment.DisableTelemetry();
        GenAiConfigCheck.Check(modelDirectory);
        try
        {
            _config = new Config(modelDirectory);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw new Package.PackageException($"GenAI could not read the prior's configuration in '{modelDirectory}': {e.Message}");
        }
        try
        {
            _config.ClearProviders(); // CPU
            _model = new Model(_config);
        }
        catch (OnnxRuntimeGenAIException e)
        {
            _config.Dispose(); // the constructor's caller never gets an object to dispose
            throw new Package.PackageException($"GenAI could not load the prior from '{modelDirectory}': {e.Message}");
        }
        catch
        {
            _config.Dispose();
            throw;
        }
        DecoderStartId = decoderStartId;
        EosId = eosId;
        VocabSize = vocabSize;
    }

    public int DecoderStartId { get; }
    public int EosId { get; }
    public int VocabSize { get; }

    /// <summary>
    /// Draws up to <paramref name="maxLatentTokens"/> latent tokens after the start token. Returns the tokens
    /// before eos, and whether eos was reached (false: the sequence was cut at the limit).
    /// </summary>
    public (int[] Tokens, bool Finished) Sample(EncodedCaption caption, int randomSeed, PriorSamplingSettings settings, int maxLatentTokens)
    {
        using var parameters = new GeneratorParams(_model);
        parameters.SetSearchOption("batch_size", 1);
        parameters.SetSearchOption("max_length", maxLatentTokens + 2); // start + latents + eos
        parameters.SetSearchOption("num_beams", 1);
        bool sample = settings.Temperature > 0;
        parameters.SetSearchOption("do_sample", sample);
        if (sample)
        {
            parameters.SetSearchOption("temperature", settings.Temperature);
            parameters.SetSearchOption("top_k", settings.TopK == 0 ? VocabSize : settings.TopK);
            parameters.SetSearchOption("top_p", settings.TopP);
            parameters.SetSearchOption("random_seed", randomSeed);
        }

        // GenAI's Tensor wraps these buffers without copying: pinned until the generator is gone.
        GCHandle states = GCHandle.Alloc(caption.States, GCHandleType.Pinned);
        GCHandle mask = GCHandle.Alloc(caption.Mask, GCHandleType.Pinned);
        try
        {
            using var generator = new Generator(_model, parameters);
            using var statesTensor = new Tensor(states.AddrOfPinnedObject(), [1, caption.Length, caption.Width], ElementType.float32);
            using var maskTensor = new Tensor(mask.AddrOfPinnedObject(), [1, caption.Length], ElementType.int64);
            generator.SetModelInput(Package.GraphNames.Decoder.EncoderHiddenStates, statesTensor);
            generator.SetModelInput(Package.GraphNames.Decoder.EncoderAttentionMask, maskTensor);
            generator.AppendTokens([DecoderStartId]);
            while (!generator.IsDone())
                generator.GenerateNextToken();

            ReadOnlySpan<int> sequence = generator.GetSequence(0); // [start, z₁, …, (eos)]
            ReadOnlySpan<int> generated = sequence[1..];
            int end = generated.IndexOf(EosId);
            return end >= 0 ? (generated[..end].ToArray(), true) : (generated.ToArray(), false);
        }
        finally
        {
            states.Free();
            mask.Free();
        }
    }

    public void Dispose()
    {
        _model.Dispose();
        _config.Dispose();
    }
}

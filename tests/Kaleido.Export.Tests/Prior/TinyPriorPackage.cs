using Kaleido.Export.Prior;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Prior;

/// <summary>A random tiny prior exported once into a temporary folder, shared by the parity tests of a class.</summary>
public sealed class TinyPriorPackage : IDisposable
{
    public const int Seed = 20240531;

    public TinyPriorPackage()
    {
        Kaleido.Runtime.Native.NativeEnvironment.DisableTelemetry();
        Model = PriorTestModels.RandomTiny(Seed);
        Directory = System.IO.Directory.CreateTempSubdirectory("kaleido-prior-").FullName;
        // A 1 KiB threshold sends the larger tiny matrices to external data, so that path is exercised too.
        PriorOnnxExport.Export(Model, Directory, externalThresholdBytes: 1024);
        Encoder = new InferenceSession(Path.Combine(Directory, PriorOnnxExport.EncoderFileName));
        Decoder = new InferenceSession(Path.Combine(Directory, PriorOnnxExport.DecoderFileName));
    }

    public T5Prior Model { get; }
    public T5PriorConfig Config => Model.Config;
    public string Directory { get; }
    public InferenceSession Encoder { get; }
    public InferenceSession Decoder { get; }

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder.Dispose();
        Model.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs encoder.onnx: ids and mask [B, L] → states [B, L, D] (flat).</summary>
    public float[] RunEncoder(long[] ids, long[] mask, int batch)
    {
        var length = Config.CaptionLength;
        using var results = Encoder.Run([
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [batch, length])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [batch, length])),
        ]);
        return results.Single(r => r.Name == "encoder_hidden_states").AsTensor<float>().ToArray();
    }

    /// <summary>One decoder.onnx call over <paramref name="ids"/> [B, S] after a cache of P tokens.</summary>
    public DecoderStep RunDecoder(long[] ids, int batch, long[] attentionMask, float[][] pastKeys, float[][] pastValues, int pastLength,
        float[] encoderStates, long[] encoderMask)
    {
        var config = Config;
        var sequence = ids.Length / batch;
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [batch, sequence])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(attentionMask, [batch, pastLength + sequence])),
            NamedOnnxValue.CreateFromTensor("position_ids", new DenseTensor<long>(
                Enumerable.Range(0, batch).SelectMany(_ => Enumerable.Range(pastLength, sequence).Select(p => (long)p)).ToArray(), [batch, sequence])),
            NamedOnnxValue.CreateFromTensor("encoder_hidden_states", new DenseTensor<float>(encoderStates, [batch, config.CaptionLength, config.DModel])),
            NamedOnnxValue.CreateFromTensor("encoder_attention_mask", new DenseTensor<long>(encoderMask, [batch, config.CaptionLength])),
        };
        for (var i = 0; i < config.DecoderLayers; i++)
        {
            int[] shape = [batch, config.NumHeads, pastLength, config.DKv];
            inputs.Add(NamedOnnxValue.CreateFromTensor($"past_key_values.{i}.key", new DenseTensor<float>(pastKeys[i], shape)));
            inputs.Add(NamedOnnxValue.CreateFromTensor($"past_key_values.{i}.value", new DenseTensor<float>(pastValues[i], shape)));
        }
        using var results = Decoder.Run(inputs);
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        return new DecoderStep(
            Output("logits"),
            Output("hidden_states"),
            Enumerable.Range(0, config.DecoderLayers).Select(i => Output($"present.{i}.key")).ToArray(),
            Enumerable.Range(0, config.DecoderLayers).Select(i => Output($"present.{i}.value")).ToArray());
    }

    /// <summary>An empty cache (past length 0) for every layer.</summary>
    public float[][] EmptyCache() => Enumerable.Range(0, Config.DecoderLayers).Select(_ => Array.Empty<float>()).ToArray();

    public static TorchSharp.torch.Tensor AsTensor(long[] values, params long[] shape) => tensor(values, shape);

    public static TorchSharp.torch.Tensor AsTensor(float[] values, params long[] shape) => tensor(values, shape);
}

public sealed record DecoderStep(float[] Logits, float[] HiddenStates, float[][] PresentKeys, float[][] PresentValues);

using Kaleido.Export.Onnx;

namespace Kaleido.Export.Prior;

/// <summary>Writes the prior's package files: encoder.onnx, decoder.onnx (+ .data when large) and genai_config.json, fp32.</summary>
public static class PriorOnnxExport
{
    public const string EncoderFileName = "encoder.onnx";
    public const string DecoderFileName = "decoder.onnx";
    public const string GenAiConfigFileName = "genai_config.json";

    /// <summary>Initializers of at least 1 MiB go to external data, keeping each .onnx file small (and XL under protobuf's 2 GiB).</summary>
    public const long DefaultExternalThresholdBytes = 1 << 20;

    public static void Export(T5Prior model, string directory, long? externalThresholdBytes = DefaultExternalThresholdBytes, OnnxModelOptions? options = null)
    {
        Directory.CreateDirectory(directory);
        OnnxModelWriter.Save(PriorEncoderGraph.Build(model, options), Path.Combine(directory, EncoderFileName), externalThresholdBytes);
        OnnxModelWriter.Save(PriorDecoderGraph.Build(model, options), Path.Combine(directory, DecoderFileName), externalThresholdBytes);
        PriorGenAiConfig.Write(model.Config, directory, DecoderFileName);
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// The feature classifier's ONNX export (docs/metrics.md): images [B, 3, 32, 32] in [−1, 1] → features [B, 64] and
/// attribute_logits [B, 20]. Owns its ONNX Runtime session.
/// </summary>
public sealed class FeatureNetwork : IDisposable
{
    public const int Side = 32;
    const int Channels = 3;
    const int BatchSize = 64;

    readonly InferenceSession _session;

    public FeatureNetwork(string path)
    {
        if (!File.Exists(path))
            throw new ToolInputException($"The feature network '{path}' does not exist.");
        try
        {
            _session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ToolInputException($"The feature network '{path}' does not load: {e.Message}");
        }
    }

    /// <summary>Runs images given as RGB bytes [S, S, 3] each, in batches; returns flat rows in input order.</summary>
    public FeatureRows Run(IReadOnlyList<byte[]> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        int count = images.Count;
        var features = new List<float>();
        var logits = new List<float>();
        int featureDimension = 0, logitCount = 0;
        for (int start = 0; start < count; start += BatchSize)
        {
            int batch = Math.Min(BatchSize, count - start);
            var input = new DenseTensor<float>([batch, Channels, Side, Side]);
            for (int b = 0; b < batch; b++)
                WriteChw(images[start + b], input.Buffer.Span.Slice(b * Channels * Side * Side, Channels * Side * Side));
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor("images", input)]);
            var f = results.First(r => r.Name == "features").AsTensor<float>();
            var l = results.First(r => r.Name == "attribute_logits").AsTensor<float>();
            featureDimension = f.Dimensions[1];
            logitCount = l.Dimensions[1];
            features.AddRange(f);
            logits.AddRange(l);
        }
        return new FeatureRows(features.ToArray(), logits.ToArray(), count, featureDimension, logitCount);
    }

    /// <summary>Bytes [S, S, 3] → x [3, S, S] = byte / 127.5 − 1, as the classifier was trained.</summary>
    static void WriteChw(byte[] hwc, Span<float> chw)
    {
        if (hwc.Length != Side * Side * Channels)
            throw new ArgumentException($"An image has {hwc.Length} bytes; the feature network takes {Side}×{Side} RGB ({Side * Side * Channels}).");
        for (int p = 0; p < Side * Side; p++)
        {
            for (int c = 0; c < Channels; c++)
                chw[c * Side * Side + p] = hwc[p * Channels + c] / 127.5f - 1f;
        }
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>The feature network's outputs for N images: features [N, D] and attribute logits [N, L], row-major.</summary>
public sealed record FeatureRows(float[] Features, float[] Logits, int Count, int FeatureDimension, int LogitCount)
{
    public ReadOnlySpan<float> LogitsOf(int i) => Logits.AsSpan(i * LogitCount, LogitCount);
}

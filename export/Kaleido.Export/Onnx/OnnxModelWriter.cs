using Google.Protobuf;
using Onnx;

namespace Kaleido.Export.Onnx;

/// <summary>
/// Saves a model, optionally moving large initializers into one external data file beside it,
/// following the ONNX external-data convention (data_location = EXTERNAL plus location/offset/length entries).
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>External data offsets are aligned to this, so ONNX Runtime can memory-map them.</summary>
    private const long ExternalAlignment = 4096;

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/>. Initializers whose raw data holds at least
    /// <paramref name="externalThresholdBytes"/> bytes go to "&lt;file name&gt;.data" in the same folder;
    /// null keeps every initializer inside the model file (the whole file must then stay under 2 GiB).
    /// The model object is left as it was given.
    /// </summary>
    public static void Save(ModelProto model, string path, long? externalThresholdBytes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (externalThresholdBytes is < 1)
            throw new ArgumentOutOfRangeException(nameof(externalThresholdBytes), externalThresholdBytes, "The external-data threshold must be >= 1 byte.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);

        var moved = new List<(TensorProto Tensor, ByteString Raw)>();
        try
        {
            if (externalThresholdBytes is { } threshold)
                MoveToExternalFile(model, path, threshold, moved);
            using var stream = File.Create(path);
            model.WriteTo(stream);
        }
        finally
        {
            // Restore the in-memory model, so saving has no side effect on the caller's object.
            foreach (var (tensor, raw) in moved)
            {
                tensor.ExternalData.Clear();
                tensor.DataLocation = TensorProto.Types.DataLocation.Default;
                tensor.RawData = raw;
            }
        }
    }

    private static void MoveToExternalFile(ModelProto model, string path, long threshold, List<(TensorProto, ByteString)> moved)
    {
        var dataFileName = Path.GetFileName(path) + ".data";
        var dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFileName);
        using var data = File.Create(dataPath);
        foreach (var tensor in model.Graph.Initializer)
        {
            var raw = tensor.RawData;
            if (raw.Length < threshold)
                continue;
            var offset = (data.Position + ExternalAlignment - 1) / ExternalAlignment * ExternalAlignment;
            data.SetLength(offset);
            data.Position = offset;
            raw.WriteTo(data);

            moved.Add((tensor, raw));
            tensor.RawData = ByteString.Empty;
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ExternalData.Add(Entry("location", dataFileName));
            tensor.ExternalData.Add(Entry("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            tensor.ExternalData.Add(Entry("length", raw.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (moved.Count == 0)
        {
            data.Dispose();
            File.Delete(dataPath);
        }
    }

    private static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };
}

namespace Kaleido.Export.Onnx;

/// <summary>Versions stamped into a written model.</summary>
public sealed record OnnxModelOptions
{
    /// <summary>IR version 10 (ONNX 1.16): understood by ONNX Runtime 1.17 and later, so also by 1.31.</summary>
    public long IrVersion { get; init; } = 10;

    /// <summary>Opset 21 (ONNX Runtime 1.31 takes up to 26); LayerNormalization needs 17+.</summary>
    public long Opset { get; init; } = 21;

    public string ProducerName { get; init; } = "kaleido-export";

    public string ProducerVersion { get; init; } = "1";

    internal void Validate()
    {
        if (IrVersion is < 7 or > 13)
            throw new ArgumentOutOfRangeException(nameof(IrVersion), IrVersion, "IR version must be in 7..13.");
        if (Opset is < 17 or > 26)
            throw new ArgumentOutOfRangeException(nameof(Opset), Opset, "Opset must be in 17..26.");
    }
}

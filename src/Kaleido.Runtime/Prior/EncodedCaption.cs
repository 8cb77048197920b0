namespace Kaleido.Runtime.Prior;

/// <summary>One caption through encoder.onnx: states [Lc, D] (row-major) and the caption mask [Lc] (1 = token).</summary>
public sealed record EncodedCaption(float[] States, long[] Mask, int Width)
{
    /// <summary>Lc, the fixed caption length.</summary>
    public int Length => Mask.Length;
}

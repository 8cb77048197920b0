using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Which conditioning keys each query cell of a cross-attention may read. The paper's conditioning blocks only
/// padded keys. Region-masked conditioning (docs/grounding.md, beyond the paper) also blocks an object's tokens
/// (token object m ≥ 0) from every cell whose centre lies outside that object's box dilated by half a cell, so the
/// smallest box still covers one cell; global tokens (−1: the caption, the description, visual codes) stay open.
/// The TorchSharp mask (<see cref="Blocked"/>) and the graph's (<see cref="EmitBlocked"/>) compute the same
/// float32 values in the same order, so they agree exactly, ties on a dilated edge included.
/// </summary>
internal sealed class CrossAttentionKeys
{
    /// <summary>Boxes are in [0, 1000] across and down (runtime <c>BoundingBox</c>).</summary>
    private const float CoordinateScale = 1000f;

    private readonly Dictionary<(long, long), Tensor> blockedBySize = [];

    /// <param name="keyMask">float [B, L], 1 on real tokens.</param>
    /// <param name="tokenObjects">int64 [B, L]: the object each token spells, or −1; null for the paper's conditioning.</param>
    /// <param name="regions">float [B, M, 4]: each object's (x1, y1, x2, y2); null for the paper's conditioning.</param>
    public CrossAttentionKeys(Tensor keyMask, Tensor? tokenObjects = null, Tensor? regions = null)
    {
        if ((tokenObjects is null) != (regions is null))
            throw new ArgumentException("Token objects and regions come together: both or neither.");
        KeyMask = keyMask;
        TokenObjects = tokenObjects;
        Regions = regions;
    }

    public Tensor KeyMask { get; }
    public Tensor? TokenObjects { get; }
    public Tensor? Regions { get; }
    public bool IsRegionMasked => Regions is not null;

    /// <summary>
    /// bool, true where a query may not read a key: [B, 1, 1, L] (padding only) or, region-masked, [B, 1, H·W, L]
    /// for a height × width feature map (cells in row-major order). Made once per size and kept for this forward.
    /// </summary>
    public Tensor Blocked(long height, long width)
    {
        long b = KeyMask.shape[0], l = KeyMask.shape[1];
        if (blockedBySize.TryGetValue((height, width), out var cached))
            return cached;
        var padded = KeyMask.reshape(b, 1, 1, l).eq(0);
        if (Regions is null)
            return blockedBySize[(height, width)] = padded;

        var box = Regions.unbind(-1);                                              // 4 × [B, M]
        var insideX = Inside(width, box[0], box[2]);                               // [B, M, W]
        var insideY = Inside(height, box[1], box[3]);                              // [B, M, H]
        var inside = (insideY.unsqueeze(3) & insideX.unsqueeze(2)).reshape(b, Regions.shape[1], height * width); // [B, M, N]
        var objectIds = arange(Regions.shape[1], dtype: ScalarType.Int64, device: Regions.device);
        var spells = TokenObjects!.unsqueeze(2).eq(objectIds);                     // [B, L, M]
        var reached = inside.to(ScalarType.Float32).transpose(1, 2).matmul(spells.to(ScalarType.Float32).transpose(1, 2)) > 0.5f; // [B, N, L]
        var allowed = reached | TokenObjects.lt(0).unsqueeze(1);                  // global tokens: every cell
        var blocked = (allowed.logical_not() | padded.squeeze(1)).unsqueeze(1);   // [B, 1, N, L]
        blockedBySize[(height, width)] = blocked;
        return blocked;
    }

    /// <summary>[B, M, cells]: whether each cell centre (i + ½)·1000/cells lies in [low − ½ cell, high + ½ cell].</summary>
    private static Tensor Inside(long cells, Tensor low, Tensor high)
    {
        var centres = (arange(cells, dtype: ScalarType.Float32, device: low.device) + 0.5f) * CoordinateScale / (float)cells;
        float half = CoordinateScale / 2 / cells;
        return centres.ge((low - half).unsqueeze(-1)) & centres.le((high + half).unsqueeze(-1));
    }

    /// <summary>
    /// ONNX mirror of <see cref="Blocked"/> for the feature map <paramref name="x"/> [B, C, H, W], from the graph inputs
    /// the emitter holds; one subgraph per call (the cell grid comes from x's shape).
    /// </summary>
    public static string EmitBlocked(DenoiserOnnxEmitter e, string x, string hint)
    {
        var g = e.Graph;
        var boxes = g.Split(e.Regions, [1, 1, 1, 1], 2, hint + ".box");             // 4 × [B, M, 1]
        var insideY = EmitInside(e, g.Shape(x, 2, 3, hint + ".h"), boxes[1], boxes[3], hint + ".y"); // [B, M, H]
        var insideX = EmitInside(e, g.Shape(x, 3, 4, hint + ".w"), boxes[0], boxes[2], hint + ".x"); // [B, M, W]
        var inside = g.Reshape(g.And(g.Unsqueeze(insideY, [3]), g.Unsqueeze(insideX, [2])), [0, 0, -1], hint + ".inside"); // [B, M, N]
        var objectCount = g.Squeeze(g.Shape(e.Regions, 1, 2), [0]);
        var objectIds = g.Range(g.ScalarInt64("zero", 0), objectCount, g.ScalarInt64("one", 1), hint + ".object_ids"); // [M]
        var spells = g.Equal(g.Unsqueeze(e.TokenObjects, [2]), objectIds, hint + ".spells");            // [B, L, M]
        var reachedCount = g.MatMul(
            g.Transpose(g.Cast(inside, DataType.Float), [0, 2, 1]),
            g.Transpose(g.Cast(spells, DataType.Float), [0, 2, 1]), hint + ".reached_count");              // [B, N, L]
        var reached = g.Greater(reachedCount, e.Scalar(0.5f));
        var global = g.Unsqueeze(g.Less(e.TokenObjects, g.ScalarInt64("zero", 0)), [1]);                // [B, 1, L]
        var allowed = g.Or(reached, global);
        var blocked = g.Or(g.Not(allowed), g.Squeeze(e.PaddedKeys, [1]));                               // [B, N, L]
        return g.Unsqueeze(blocked, [1], hint + ".blocked");                                              // [B, 1, N, L]
    }

    private static string EmitInside(DenoiserOnnxEmitter e, string cellsShape, string low, string high, string hint)
    {
        var g = e.Graph;
        var cells = g.Squeeze(cellsShape, [0]);                                                          // int64 scalar
        var cellsF = g.Cast(cells, DataType.Float);
        var index = g.Cast(g.Range(g.ScalarInt64("zero", 0), cells, g.ScalarInt64("one", 1)), DataType.Float);
        var centres = g.Div(g.Mul(g.Add(index, e.Scalar(0.5f)), e.Scalar(CoordinateScale)), cellsF, hint + ".centres"); // [cells]
        var half = g.Div(e.Scalar(CoordinateScale / 2), cellsF);
        var aboveLow = g.Not(g.Less(centres, g.Sub(low, half)));                                        // [B, M, cells]
        var belowHigh = g.Not(g.Greater(centres, g.Add(high, half)));
        return g.And(aboveLow, belowHigh, hint + ".inside");
    }
}

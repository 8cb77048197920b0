using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Language-model states -> (cross-attention tokens, embedding added to the time embedding), as ml-mdm's
/// <c>UNet.forward_conditioning</c> on the inner network: c = Linear(lm * mask); the LM-head layers;
/// y = sum(mask c) / sum(mask); cond_emb = Linear_nobias(y).
/// The mask is applied everywhere (LM-head attention, pooling, cross-attention keys); every row needs at
/// least one real token, as T5's EOS always is.
/// </summary>
internal sealed class ConditioningHead : nn.Module
{
    private readonly int projectedWidth;
    private readonly Linear lmProj;
    private readonly ModuleList<LmHeadLayer> lmHead;
    private readonly Linear condEmb;

    public ConditioningHead(ConditioningConfig config, int temporalDim, Device device) : base(nameof(ConditioningHead))
    {
        projectedWidth = config.ProjectedWidth;
        lmProj = Layers.Linear(config.LmWidth, config.ProjectedWidth, device);
        lmHead = new ModuleList<LmHeadLayer>(
            Enumerable.Range(0, config.LmHeadLayers).Select(_ => new LmHeadLayer(config.ProjectedWidth, config.Heads, device)).ToArray());
        condEmb = Layers.Linear(config.ProjectedWidth, temporalDim, device, bias: false);
        RegisterComponents();
    }

    /// <summary>lm: [B, L, D_lm]; mask: [B, L] float 0/1 -> (tokens [B, L, P], embedding [B, T]).</summary>
    public (Tensor Tokens, Tensor Embedding) Forward(Tensor lm, Tensor mask)
    {
        var maskColumn = mask.unsqueeze(-1);                   // [B, L, 1]
        var c = lmProj.forward(lm * maskColumn);               // [B, L, P]
        foreach (var layer in lmHead)
            c = layer.Forward(c, mask);
        var pooled = (c * maskColumn).sum(1) / mask.sum(1, keepdim: true); // [B, P]
        return (c, condEmb.forward(pooled));
    }

    /// <summary>ONNX mirror of <see cref="Forward"/>; maskF is the float mask [B, L].</summary>
    public (string Tokens, string Embedding) Emit(DenoiserOnnxEmitter e, string lm, string maskF)
    {
        var g = e.Graph;
        var maskColumn = g.Unsqueeze(maskF, [2]);                                  // [B, L, 1]
        var c = e.Linear(lmProj, g.Mul(lm, maskColumn), "lm_proj");               // [B, L, P]
        for (int i = 0; i < lmHead.Count; i++)
            c = lmHead[i].Emit(e, c, projectedWidth, $"lm_head.{i}");
        var pooled = g.Div(g.ReduceSum(g.Mul(c, maskColumn), [1], keepDims: false), g.ReduceSum(maskF, [1], keepDims: true)); // [B, P]
        return (c, e.Linear(condEmb, pooled, "cond_emb"));
    }
}

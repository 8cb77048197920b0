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
    private readonly Linear lmProj;
    private readonly ModuleList<LmHeadLayer> lmHead;
    private readonly Linear condEmb;

    public ConditioningHead(ConditioningConfig config, int temporalDim, Device device) : base(nameof(ConditioningHead))
    {
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
}

using System.Text.Json.Serialization;

namespace Kaleido.Export.Denoiser;

/// <summary>
/// Text-conditioning path, owned by the inner network as in ml-mdm (<c>UNet.forward_conditioning</c>).
/// </summary>
/// <param name="LmWidth">Width D_lm of the language-model states fed in (T5-XL: 2048).</param>
/// <param name="ProjectedWidth">Width after the input projection; cross-attention keys/values and the pooled
/// embedding read this width [lm_feature_projected_channels].</param>
/// <param name="LmHeadLayers">Trainable self-attention + MLP layers over the projected states [num_lm_attn_layers].</param>
/// <param name="Heads">Heads of those layers; ml-mdm fixes 8.</param>
/// <param name="MaxObjects">0: the paper's conditioning. Above 0: region-masked cross-attention (docs/grounding.md, our
/// addition) for latents that place up to that many objects; the denoiser then takes token objects and regions.</param>
public sealed record ConditioningConfig(
    int LmWidth, int ProjectedWidth, int LmHeadLayers, int Heads = 8,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int MaxObjects = 0)
{
    [JsonIgnore]
    public bool IsRegionMasked => MaxObjects > 0;

    public void Validate()
    {
        if (LmWidth <= 0 || ProjectedWidth <= 0 || LmHeadLayers < 0)
            throw new ArgumentException(
                $"Conditioning: LmWidth and ProjectedWidth must be positive and LmHeadLayers >= 0; got {LmWidth}, {ProjectedWidth}, {LmHeadLayers}.");
        if (ProjectedWidth % Heads != 0)
            throw new ArgumentException($"Conditioning: ProjectedWidth {ProjectedWidth} is not divisible by Heads={Heads}.");
        if (MaxObjects is < 0 or > Runtime.Package.GroundingSpec.MaxObjectsLimit)
            throw new ArgumentException($"Conditioning: MaxObjects must be 0 to {Runtime.Package.GroundingSpec.MaxObjectsLimit}; got {MaxObjects}.");
    }
}

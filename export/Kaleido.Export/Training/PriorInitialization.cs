using Kaleido.Export.Prior;
using static TorchSharp.torch;

namespace Kaleido.Export.Training;

/// <summary>
/// HF T5's initialisation (architecture-facts §3), for training the prior from scratch: embedding N(0, 1);
/// q N(0, (d·d_kv)^−½); k, v N(0, d^−½); o N(0, (H·d_kv)^−½); wi N(0, d^−½); wo N(0, d_ff^−½); relative bias
/// N(0, d^−½); norms 1. One change: HF draws the untied lm_head from N(0, 1), which makes the first logits
/// ~√d wide; we use N(0, d^−½) so the first AR loss is near ln V.
/// </summary>
public static class PriorInitialization
{
    public static void Apply(T5Prior prior, Generator generator)
    {
        var c = prior.Config;
        using var _ = no_grad();
        foreach (var (name, parameter) in prior.named_parameters())
        {
            if (parameter.dim() == 1)
            {
                parameter.fill_(1f); // RMS-norm scales
                continue;
            }
            double std = Layer(name) switch
            {
                "shared" => 1.0,
                "q" => Math.Pow((double)c.DModel * c.DKv, -0.5),
                "k" or "v" or "wi_0" or "wi_1" or "relative_attention_bias" or "lm_head" => Math.Pow(c.DModel, -0.5),
                "o" => Math.Pow((double)c.NumHeads * c.DKv, -0.5),
                "wo" => Math.Pow(c.DFf, -0.5),
                _ => throw new InvalidOperationException($"No T5 initialisation rule for parameter '{name}'."),
            };
            parameter.normal_(0, std, generator);
        }
    }

    /// <summary>"decoder.layers.0.self_attention.q.weight" → "q"; "shared.weight" → "shared".</summary>
    private static string Layer(string parameterName)
    {
        var parts = parameterName.Split('.');
        return parts.Length >= 2 && parts[^1] == "weight" ? parts[^2] : parts[^1];
    }
}

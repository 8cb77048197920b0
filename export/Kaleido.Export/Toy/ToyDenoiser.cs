using Kaleido.Export.Denoiser;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// The toy denoiser: an MLP on [x_t, time embedding, condition embedding] that predicts
/// v = √γ·ε − √(1−γ)·x0, the quantity the runtime's loop expects (architecture-facts §1). The condition is
/// a learned embedding row per <see cref="ToyConditioning"/> id, the last row being the null (unconditional) one.
/// </summary>
public sealed class ToyDenoiser : nn.Module
{
    readonly TimestepEmbedding time;
    readonly Embedding condition;
    readonly ModuleList<Linear> hidden;
    readonly Linear output;

    /// <summary>Builds the layers and initialises every weight from <paramref name="generator"/> (global RNG untouched).</summary>
    public ToyDenoiser(ToyDenoiserConfig config, ToyConditioning conditioning, Generator generator) : base(nameof(ToyDenoiser))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(conditioning);
        ArgumentNullException.ThrowIfNull(generator);
        config.Validate();

        Config = config;
        Conditioning = conditioning;
        time = new TimestepEmbedding(config.TemporalDim, CPU);
        condition = nn.Embedding(conditioning.EmbeddingRows, config.ConditionDim);
        hidden = new ModuleList<Linear>();
        int width = 2 + config.TemporalDim + config.ConditionDim;
        for (int i = 0; i < config.HiddenLayers; i++)
        {
            hidden.Add(nn.Linear(width, config.HiddenWidth));
            width = config.HiddenWidth;
        }
        output = nn.Linear(width, 2);
        RegisterComponents();
        ToyInitialisation.Apply(this, generator);
    }

    /// <summary>The MLP's shape.</summary>
    public ToyDenoiserConfig Config { get; }

    /// <summary>Which ids it embeds.</summary>
    public ToyConditioning Conditioning { get; }

    /// <summary>x_t [N, 2] float, model time t [N] (raw 0..T−1), condition ids [N] int64 → v [N, 2].</summary>
    public Tensor Forward(Tensor xt, Tensor modelTime, Tensor conditionIds)
    {
        using var scope = NewDisposeScope();
        var h = cat([xt, time.Forward(modelTime), condition.forward(conditionIds)], 1); // [N, 2 + Dt + Dc]
        foreach (var layer in hidden)
            h = nn.functional.silu(layer.forward(h));                                   // [N, H]
        return output.forward(h).MoveToOuterDisposeScope();                               // [N, 2]
    }
}

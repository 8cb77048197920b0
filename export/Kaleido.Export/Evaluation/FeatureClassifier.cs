using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Evaluation;

/// <summary>
/// A small CNN whose pooled activations are the evaluation features (our stand-in for Inception pool3 / VGG fc2,
/// architecture-facts §5): 3×3 convolutions at full, half and quarter resolution and a last 3×3 convolution to F
/// channels, each followed by batch norm and ReLU; the global average over the image is the feature vector [B, F]. A linear
/// head on the features predicts <see cref="SceneAttributes"/>, which is what trains them.
/// </summary>
public sealed class FeatureClassifier : nn.Module
{
    private readonly Conv2d stem;     // 3 → C0, stride 1
    private readonly Conv2d down1;    // C0 → C1, stride 2
    private readonly Conv2d down2;    // C1 → C2, stride 2
    private readonly Conv2d features; // C2 → F, stride 1
    private readonly ModuleList<BatchNorm2d> norms; // one after each convolution, before its ReLU
    private readonly Linear head;     // F → shapes + colours + backgrounds + styles

    /// <summary>Builds the layers with weights drawn from <paramref name="generator"/> (the global RNG is untouched).</summary>
    public FeatureClassifier(FeatureClassifierConfig config, Generator generator) : base(nameof(FeatureClassifier))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(generator);
        config.Validate();
        Config = config;
        stem = nn.Conv2d(3, config.Channels[0], 3, stride: 1, padding: 1);
        down1 = nn.Conv2d(config.Channels[0], config.Channels[1], 3, stride: 2, padding: 1);
        down2 = nn.Conv2d(config.Channels[1], config.Channels[2], 3, stride: 2, padding: 1);
        features = nn.Conv2d(config.Channels[2], config.FeatureDim, 3, stride: 1, padding: 1);
        norms = new ModuleList<BatchNorm2d>(
            nn.BatchNorm2d(config.Channels[0]), nn.BatchNorm2d(config.Channels[1]), nn.BatchNorm2d(config.Channels[2]), nn.BatchNorm2d(config.FeatureDim));
        head = nn.Linear(config.FeatureDim, SceneAttributes.LogitCount);
        RegisterComponents();
        Initialize(generator);
    }

    public FeatureClassifierConfig Config { get; }

    /// <summary>The convolutions in order, for the ONNX exporter.</summary>
    internal IReadOnlyList<Conv2d> Convolutions => [stem, down1, down2, features];

    /// <summary>The attribute head (features → logits), for the ONNX exporter.</summary>
    internal Linear Head => head;

    /// <summary>The batch norm after each of <see cref="Convolutions"/>.</summary>
    internal IReadOnlyList<BatchNorm2d> Norms => [.. norms];

    /// <summary>Images [B, 3, S, S] in [−1, 1] → features [B, F].</summary>
    public Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var h = images;
        for (int i = 0; i < norms.Count; i++)
            h = nn.functional.relu(norms[i].forward(Convolutions[i].forward(h))); // [B, C, S', S']
        return h.mean([2, 3]).MoveToOuterDisposeScope(); // [B, F]
    }

    /// <summary>Images [B, 3, S, S] → attribute logits [B, 20] (layout in <see cref="SceneAttributes.LogitCount"/>).</summary>
    public Tensor Logits(Tensor images)
    {
        using var scope = NewDisposeScope();
        return head.forward(Features(images)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Training initialisation: convolution and linear weights U(±sqrt(3/fan_in)) (unit-variance activations before
    /// ReLU), biases 0, batch-norm scales 1 and running statistics mean 0, variance 1.
    /// </summary>
    public void Initialize(Generator generator) => Initialize(generator, randomizeEverything: false);

    /// <summary>
    /// Parity-test initialisation: as <see cref="Initialize(Generator)"/>, but biases U(±0.3), batch-norm scales
    /// U(0.5, 1.5) and running means U(±0.3), variances U(0.5, 1.5), so no term can be dropped unnoticed.
    /// </summary>
    public void RandomizeAll(Generator generator) => Initialize(generator, randomizeEverything: true);

    private void Initialize(Generator generator, bool randomizeEverything)
    {
        using var _ = no_grad();
        foreach (var (name, p) in named_parameters())
        {
            bool isScale = name.EndsWith("weight", StringComparison.Ordinal);
            if (p.dim() >= 2)
            {
                double bound = Math.Sqrt(3.0 / (p.numel() / p.shape[0]));
                p.uniform_(-bound, bound, generator);
            }
            else if (!randomizeEverything)
                p.fill_(isScale ? 1 : 0);
            else if (isScale)
                p.uniform_(0.5, 1.5, generator);
            else
                p.uniform_(-0.3, 0.3, generator);
        }
        foreach (var norm in norms)
        {
            if (randomizeEverything)
            {
                norm.running_mean!.uniform_(-0.3, 0.3, generator);
                norm.running_var!.uniform_(0.5, 1.5, generator);
            }
            else
            {
                norm.running_mean!.zero_();
                norm.running_var!.fill_(1);
            }
        }
    }
}

using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// Which condition ids a toy denoiser embeds. The baseline sees class c (id c); the latent-augmented model
/// sees the pair (c, z) (id c · SubModes + z). The last id is the null condition, the unconditional input:
/// for the latent-augmented model it drops class and z together, as the project's prior contract does
/// (the unconditional branch sees neither the prompt nor its latents).
/// </summary>
public sealed class ToyConditioning
{
    ToyConditioning(ToyModelKind kind, int classCount, int subModesPerClass)
    {
        Kind = kind;
        ClassCount = classCount;
        SubModesPerClass = subModesPerClass;
    }

    /// <summary>The conditioning of a <paramref name="kind"/> model of <paramref name="mixture"/>.</summary>
    public static ToyConditioning For(ToyModelKind kind, ToyMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown toy model kind.");
        return new ToyConditioning(kind, mixture.ClassCount, mixture.SubModesPerClass);
    }

    /// <summary>Which model this is for.</summary>
    public ToyModelKind Kind { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Values z can take per class.</summary>
    public int SubModesPerClass { get; }

    /// <summary>Conditions with a meaning: classes, or (class, z) pairs.</summary>
    public int ConditionCount => Kind == ToyModelKind.Baseline ? ClassCount : ClassCount * SubModesPerClass;

    /// <summary>The unconditional input's id (one past the last condition).</summary>
    public int NullId => ConditionCount;

    /// <summary>Rows of the condition embedding: every condition and the null one.</summary>
    public int EmbeddingRows => ConditionCount + 1;

    /// <summary>The id of class <paramref name="classIndex"/> with sub-mode <paramref name="subMode"/> (ignored by the baseline).</summary>
    public int Id(int classIndex, int subMode)
    {
        if ((uint)classIndex >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"The class must be in 0..{ClassCount - 1}.");
        if ((uint)subMode >= (uint)SubModesPerClass)
            throw new ArgumentOutOfRangeException(nameof(subMode), subMode, $"The sub-mode must be in 0..{SubModesPerClass - 1}.");
        return Kind == ToyModelKind.Baseline ? classIndex : classIndex * SubModesPerClass + subMode;
    }

    /// <summary>The same as <see cref="Id"/> for a batch: [N] int64 classes and sub-modes to [N] int64 ids.</summary>
    public Tensor Ids(Tensor classes, Tensor subModes) =>
        Kind == ToyModelKind.Baseline ? classes.clone() : classes * SubModesPerClass + subModes;
}

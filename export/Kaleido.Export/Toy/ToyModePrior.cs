using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// p(z | c): the "mode selection" factor of eq. 7. Kaleido models its latents with an autoregressive
/// decoder (§3.2); here z is one token, so the autoregressive prior has length 1 and is a learned
/// categorical over the class's sub-modes: class embedding → SiLU → logits, trained with cross-entropy
/// (the L^AR term of eq. 9) on the (class, sub-mode) labels of the data.
/// </summary>
public sealed class ToyModePrior : nn.Module
{
    /// <summary>16: the class embedding width; two classes need very little.</summary>
    public const int EmbeddingDim = 16;

    readonly Embedding classEmbedding;
    readonly Linear logits;

    /// <summary>Builds the layers and initialises them from <paramref name="generator"/>.</summary>
    public ToyModePrior(int classCount, int subModesPerClass, Generator generator) : base(nameof(ToyModePrior))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(subModesPerClass, 1);
        ArgumentNullException.ThrowIfNull(generator);
        ClassCount = classCount;
        SubModesPerClass = subModesPerClass;
        classEmbedding = nn.Embedding(classCount, EmbeddingDim);
        logits = nn.Linear(EmbeddingDim, subModesPerClass);
        RegisterComponents();
        ToyInitialisation.Apply(this, generator);
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Values z can take.</summary>
    public int SubModesPerClass { get; }

    /// <summary>Classes [N] int64 → logits of z [N, SubModes].</summary>
    public Tensor Forward(Tensor classes) =>
        logits.forward(nn.functional.silu(classEmbedding.forward(classes)));

    /// <summary>p(z | c) for one class, as doubles.</summary>
    public double[] Probabilities(int classIndex)
    {
        if ((uint)classIndex >= (uint)ClassCount)
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"The class must be in 0..{ClassCount - 1}.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var probabilities = Forward(tensor(new long[] { classIndex })).softmax(1); // [1, Z]
        return probabilities.data<float>().Select(p => (double)p).ToArray();
    }

    /// <summary>z ~ p(z | c) for each class in <paramref name="classes"/>, drawn from <paramref name="generator"/>.</summary>
    public int[] SampleSubModes(IReadOnlyList<int> classes, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(generator);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var probabilities = Forward(tensor(classes.Select(c => (long)c).ToArray())).softmax(1);        // [N, Z]
        var draws = multinomial(probabilities, 1, replacement: true, generator: generator).reshape(-1); // [N]
        return draws.data<long>().Select(z => (int)z).ToArray();
    }
}

using static TorchSharp.torch;

namespace Kaleido.Export.Toy;

/// <summary>
/// Points drawn from a <see cref="ToyMixture"/>: <paramref name="X0"/> [N, 2] float, <paramref name="Classes"/> and
/// <paramref name="SubModes"/> [N] int64. Owns its tensors.
/// </summary>
public sealed record ToyBatch(Tensor X0, Tensor Classes, Tensor SubModes) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        X0.Dispose();
        Classes.Dispose();
        SubModes.Dispose();
    }
}

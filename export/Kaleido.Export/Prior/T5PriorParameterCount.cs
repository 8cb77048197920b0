using static TorchSharp.torch;

namespace Kaleido.Export.Prior;

/// <summary>Parameter count of a <see cref="T5Prior"/>, from the real module definitions built on the meta device (no weights allocated).</summary>
public static class T5PriorParameterCount
{
    public static long Count(T5PriorConfig config)
    {
        using var model = new T5Prior(config, META);
        return Count(model);
    }

    /// <summary>Sum of the element counts of every parameter of <paramref name="model"/>.</summary>
    public static long Count(T5Prior model) => model.parameters().Sum(p => p.numel());
}

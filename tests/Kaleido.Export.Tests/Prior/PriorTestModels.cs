using Kaleido.Export.Prior;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Prior;

/// <summary>Tiny priors whose every tensor (norms and relative bias included) is random, from a fixed seed.</summary>
internal static class PriorTestModels
{
    public static T5Prior RandomTiny(int seed, T5PriorConfig? config = null)
    {
        config ??= T5PriorConfig.Tiny;
        var model = new T5Prior(config);
        var generator = new Generator((ulong)seed);
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                // Norm weights around 1 (never 0); matrices with T5-like 1/√fan_in scale so activations stay O(1).
                if (parameter.dim() == 1)
                {
                    parameter.copy_(1f + 0.5f * randn(parameter.shape, generator: generator));
                }
                else
                {
                    var scale = name.Contains("relative_attention_bias") || name.Contains("shared") ? 1.0 : 1.0 / Math.Sqrt(parameter.shape[1]);
                    parameter.copy_(randn(parameter.shape, generator: generator) * scale);
                }
            }
        }
        model.eval();
        return model;
    }

    public static Tensor RandomIds(Generator generator, long batch, long length, long low, long high) =>
        randint(low, high, [batch, length], dtype: int64, generator: generator);

    /// <summary>Relative error max|a − b| / max|ref|.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0, maxRef = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"NaN at {i}");
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }
        Assert.True(maxRef > 0, "The reference is all zeros.");
        return maxDiff / maxRef;
    }

    public static double RelativeError(Tensor actual, Tensor expected) =>
        RelativeError(actual.contiguous().data<float>().ToArray(), expected.contiguous().data<float>().ToArray());
}

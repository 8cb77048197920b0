using Kaleido.Export.Denoiser;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Denoiser;

/// <summary>Random denoiser inputs with a padded conditioning mask.</summary>
internal sealed record DenoiserInputs(Tensor High, Tensor Low, Tensor T, Tensor Lm, Tensor Mask)
{
    /// <summary>
    /// Images at <paramref name="side"/> and side/NestRatio, t in 0..999, L conditioning tokens; row i of the
    /// mask keeps 1 + (i * 5) % L leading tokens, so some rows have only one or two real keys.
    /// </summary>
    public static DenoiserInputs Random(NestedUNetConfig config, int batch, int side, int tokens, long seed)
    {
        using var generator = new Generator((ulong)seed);
        int lowSide = side / config.NestRatio;
        var high = randn([batch, 3, side, side], generator: generator);
        var low = randn([batch, 3, lowSide, lowSide], generator: generator);
        var t = randint(0, 1000, [batch], dtype: ScalarType.Int64, generator: generator);
        var lm = randn([batch, tokens, config.Conditioning.LmWidth], generator: generator);
        var mask = zeros([batch, tokens], ScalarType.Int64);
        for (int i = 0; i < batch; i++)
            mask[i, TensorIndex.Slice(0, 1 + (i * 5) % tokens)] = 1;
        return new DenoiserInputs(high, low, t, lm, mask);
    }
}

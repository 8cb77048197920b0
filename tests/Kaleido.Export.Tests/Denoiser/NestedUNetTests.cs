using Kaleido.Export.Denoiser;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Denoiser;

public sealed class NestedUNetTests
{
    [Fact]
    public void Fresh_model_outputs_exact_zeros_at_every_resolution()
    {
        // As in ml-mdm: zero-initialised output convs (and adapters) make v = 0 before training.
        using var model = new NestedUNet(DenoiserConfigs.Tiny);
        var input = DenoiserInputs.Random(DenoiserConfigs.Tiny, batch: 3, side: 16, tokens: 6, seed: 1);
        var v = model.Forward([input.High, input.Low], input.T, input.Lm, input.Mask);
        Assert.Equal(2, v.Length);
        Assert.Equal(new long[] { 3, 3, 16, 16 }, v[0].shape);
        Assert.Equal(new long[] { 3, 3, 8, 8 }, v[1].shape);
        foreach (var output in v)
            Assert.Equal(0f, output.abs().max().item<float>());
    }

    [Fact]
    public void Randomized_model_outputs_are_not_zero()
    {
        using var model = new NestedUNet(DenoiserConfigs.Tiny);
        model.RandomizeAllParameters(seed: 7);
        var input = DenoiserInputs.Random(DenoiserConfigs.Tiny, batch: 2, side: 16, tokens: 6, seed: 2);
        var v = model.Forward([input.High, input.Low], input.T, input.Lm, input.Mask);
        foreach (var output in v)
        {
            Assert.True(output.abs().min().item<float>() >= 0f);
            Assert.True(output.abs().mean().item<float>() > 1e-2f);
            Assert.False(output.isnan().any().item<bool>());
        }
    }

    [Fact]
    public void Padding_acts_as_if_the_padded_tokens_were_not_there()
    {
        // The mask is applied in the LM-head attention, the pooling and the cross-attention: a sequence of
        // 6 tokens with only the first 2 real must give the output of the 2-token sequence alone, at every
        // resolution, whatever the padded states hold.
        using var model = new NestedUNet(DenoiserConfigs.Tiny);
        model.RandomizeAllParameters(seed: 11);
        var input = DenoiserInputs.Random(DenoiserConfigs.Tiny, batch: 2, side: 16, tokens: 6, seed: 3);
        var lm = input.Lm.clone();
        lm[TensorIndex.Colon, TensorIndex.Slice(2, null)] = 10 * randn([2, 4, DenoiserConfigs.Tiny.Conditioning.LmWidth]);
        var mask = zeros([2, 6], ScalarType.Int64);
        mask[TensorIndex.Colon, TensorIndex.Slice(0, 2)] = 1;

        var padded = model.Forward([input.High, input.Low], input.T, lm, mask);
        var alone = model.Forward([input.High, input.Low], input.T,
            input.Lm[TensorIndex.Colon, TensorIndex.Slice(0, 2)], ones([2, 2], ScalarType.Int64));
        var allReal = model.Forward([input.High, input.Low], input.T, lm, ones([2, 6], ScalarType.Int64));
        for (int r = 0; r < 2; r++)
        {
            double scale = alone[r].abs().max().item<float>();
            Assert.True((padded[r] - alone[r]).abs().max().item<float>() <= 1e-5 * scale);
            // Without the mask the extra tokens do change the output.
            Assert.True((allReal[r] - alone[r]).abs().max().item<float>() > 1e-2 * scale);
        }
    }

    [Fact]
    public void Wrong_input_shapes_name_the_input()
    {
        using var model = new NestedUNet(DenoiserConfigs.Tiny);
        var input = DenoiserInputs.Random(DenoiserConfigs.Tiny, batch: 2, side: 16, tokens: 6, seed: 4);
        var error = Assert.Throws<ArgumentException>(() =>
            model.Forward([input.High, input.High], input.T, input.Lm, input.Mask));
        Assert.Contains("images[1]", error.Message);
        error = Assert.Throws<ArgumentException>(() =>
            model.Forward([input.High, input.Low], input.T, input.Lm, input.Mask[TensorIndex.Colon, TensorIndex.Slice(0, 3)]));
        Assert.Contains("mask", error.Message);
    }
}

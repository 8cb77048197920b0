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
    public void Padded_conditioning_tokens_do_not_change_the_output()
    {
        // The mask is applied in the LM-head attention, the pooling and the cross-attention: changing the
        // states at padded positions must leave v unchanged at every resolution, while changing a real token must not.
        using var model = new NestedUNet(DenoiserConfigs.Tiny);
        model.RandomizeAllParameters(seed: 11);
        var input = DenoiserInputs.Random(DenoiserConfigs.Tiny, batch: 2, side: 16, tokens: 6, seed: 3);
        var reference = model.Forward([input.High, input.Low], input.T, input.Lm, input.Mask);

        var padded = input.Lm.clone();
        padded[TensorIndex.Colon, TensorIndex.Slice(1, null)] += 10 * randn_like(padded[TensorIndex.Colon, TensorIndex.Slice(1, null)]);
        var mask = input.Mask.clone();
        mask[TensorIndex.Colon, TensorIndex.Slice(1, null)] = 0;
        var maskedReference = model.Forward([input.High, input.Low], input.T, input.Lm, mask);
        var maskedChanged = model.Forward([input.High, input.Low], input.T, padded, mask);
        var unmaskedChanged = model.Forward([input.High, input.Low], input.T, padded, input.Mask);
        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(0f, (maskedReference[r] - maskedChanged[r]).abs().max().item<float>());
            // Row 1 has 6 real tokens, so its output must react to the change.
            Assert.True((reference[r][1] - unmaskedChanged[r][1]).abs().max().item<float>() > 1e-3f);
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

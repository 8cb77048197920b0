using Kaleido.Export.Denoiser;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Tests.Denoiser;

/// <summary>
/// The attention blocks against a reference written here from ml-mdm's math with other ops: norms by hand,
/// 1x1 convs as einsum, and torch's scaled_dot_product_attention with a boolean key mask.
/// </summary>
public sealed class AttentionReferenceTests
{
    [Fact]
    public void Spatial_attention_matches_a_reference_with_masked_cross_attention()
    {
        const int b = 3, c = 16, heads = 2, groups = 4, side = 4, tokens = 5, dc = 12;
        using var block = new SpatialAttention(c, dc, heads, feedForward: true, groups, CPU);
        var p = Randomize(block, seed: 5);
        var generator = new Generator(6);
        var x = randn([b, c, side, side], generator: generator);
        var cond = randn([b, tokens, dc], generator: generator);
        var mask = tensor(new long[] { 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0 }).reshape(b, tokens);

        var actual = block.Forward(x, cond, mask);

        // Self-attention and cross-attention share q; heads split channels head-major (c = head * dh + d).
        var qkv = Conv1x1(GroupNorm(x, groups, p["norm.weight"], p["norm.bias"]), p["qkv.weight"], p["qkv.bias"]).reshape(b, 3 * c, -1);
        var q = Heads(qkv[.., ..c], heads);
        var self = nn.functional.scaled_dot_product_attention(q, Heads(qkv[.., c..(2 * c)], heads), Heads(qkv[.., (2 * c)..], heads));
        var kv = (LayerNorm(cond, p["normCond.weight"], p["normCond.bias"]).matmul(p["kvCond.weight"].t()) + p["kvCond.bias"]).transpose(1, 2);
        var keep = mask.eq(1).reshape(b, 1, 1, tokens);
        var cross = nn.functional.scaled_dot_product_attention(q, Heads(kv[.., ..c], heads), Heads(kv[.., c..], heads), attn_mask: keep);
        var h = (self + cross).permute(0, 1, 3, 2).reshape(b, c, side, side);
        var expected = x + Conv1x1(h, p["projOut.weight"], p["projOut.bias"]);
        var ffn = Conv1x1(GroupNorm(expected, groups, p["ffnNorm.weight"], p["ffnNorm.bias"]), p["ffnIn.weight"], p["ffnIn.bias"]);
        ffn = 0.5 * ffn * (1 + (ffn / Math.Sqrt(2)).erf());
        expected = expected + Conv1x1(ffn, p["ffnOut.weight"], p["ffnOut.bias"]);

        AssertClose(expected, actual);
    }

    [Fact]
    public void Lm_head_layer_matches_a_reference_with_masked_keys()
    {
        const int b = 2, width = 16, heads = 4, tokens = 6;
        using var layer = new LmHeadLayer(width, heads, CPU);
        var p = Randomize(layer, seed: 7);
        var x = randn([b, tokens, width], generator: new Generator(8));
        var mask = tensor(new long[] { 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0 }).reshape(b, tokens);

        var actual = layer.Forward(x, mask);

        var qkv = LayerNorm(x, p["attnNorm.weight"], p["attnNorm.bias"]).matmul(p["qkv.weight"].t()) + p["qkv.bias"];
        Tensor Split(int i) => qkv[.., .., (i * width)..((i + 1) * width)].reshape(b, tokens, heads, -1).transpose(1, 2);
        var attended = nn.functional.scaled_dot_product_attention(Split(0), Split(1), Split(2), attn_mask: mask.eq(1).reshape(b, 1, 1, tokens));
        var expected = x + attended.transpose(1, 2).reshape(b, tokens, width).matmul(p["projOut.weight"].t()) + p["projOut.bias"];
        var hidden = LayerNorm(expected, p["mlpNorm.weight"], p["mlpNorm.bias"]).matmul(p["mlpIn.weight"].t()) + p["mlpIn.bias"];
        hidden = 0.5 * hidden * (1 + (hidden / Math.Sqrt(2)).erf());
        expected = expected + hidden.matmul(p["mlpOut.weight"].t()) + p["mlpOut.bias"];

        AssertClose(expected, actual);
    }

    private static Dictionary<string, Tensor> Randomize(nn.Module module, long seed)
    {
        var generator = new Generator((ulong)seed);
        using (no_grad())
            foreach (var (_, parameter) in module.named_parameters())
                parameter.uniform_(-0.5, 0.5, generator);
        return module.named_parameters().ToDictionary(e => e.name, e => e.parameter.detach());
    }

    /// <summary>[B, C, S] -> [B, heads, S, C/heads].</summary>
    private static Tensor Heads(Tensor x, int heads) => x.reshape(x.shape[0], heads, -1, x.shape[2]).transpose(2, 3);

    private static Tensor Conv1x1(Tensor x, Tensor weight, Tensor bias) =>
        einsum("oc,bchw->bohw", weight.flatten(1), x) + bias.reshape(1, -1, 1, 1);

    private static Tensor GroupNorm(Tensor x, int groups, Tensor weight, Tensor bias)
    {
        var g = x.reshape(x.shape[0], groups, -1);
        var normed = (g - g.mean([2], keepdim: true)) / (g.var(2, unbiased: false, keepdim: true) + 1e-5).sqrt();
        return normed.reshape(x.shape) * weight.reshape(1, -1, 1, 1) + bias.reshape(1, -1, 1, 1);
    }

    private static Tensor LayerNorm(Tensor x, Tensor weight, Tensor bias) =>
        (x - x.mean([-1], keepdim: true)) / (x.var(-1, unbiased: false, keepdim: true) + 1e-5).sqrt() * weight + bias;

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        double error = (expected - actual).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.True(error <= 1e-5, $"relative error {error:E2}");
    }
}

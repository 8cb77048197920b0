using Kaleido.Runtime.Conditioning;
using Kaleido.Runtime.Package;

namespace Kaleido.Runtime.Tests.Conditioning;

public sealed class ConditioningTests
{
    static readonly SpecialTokens Tokens = new(Pad: 0, Eos: 1, DecoderStart: 2, Unk: 3);

    [Fact]
    public void Decoder_inputs_are_start_then_latents_then_pad()
    {
        int[] latents = [17, 5, 9];
        var ids = new long[6];
        var mask = new long[6];
        DecoderInputs.Build(latents, Tokens, maxLatentTokens: 5, ids, mask);

        // shift_right([17, 5, 9, eos]) = [start, 17, 5, 9], then pad.
        Assert.Equal([2L, 17, 5, 9, 0, 0], ids);
        Assert.Equal([1L, 1, 1, 1, 0, 0], mask);
    }

    [Fact]
    public void Unconditional_decoder_input_is_the_start_token_alone()
    {
        var ids = new long[4];
        var mask = new long[4];
        DecoderInputs.BuildUnconditional(Tokens, maxLatentTokens: 3, ids, mask);
        Assert.Equal([2L, 0, 0, 0], ids);
        Assert.Equal([1L, 0, 0, 0], mask);
    }

    [Fact]
    public void Too_many_latent_tokens_is_a_user_error_naming_the_limit()
    {
        var e = Assert.Throws<UserInputException>(() =>
            DecoderInputs.Build(new int[4], Tokens, maxLatentTokens: 3, new long[4], new long[4]));
        Assert.Contains("at most 3", e.Message);
    }

    [Fact]
    public void Concatenation_keeps_valid_rows_and_zeroes_padding()
    {
        const int D = 3;
        var random = new Random(7);
        float[] enc = Enumerable.Range(0, 4 * D).Select(_ => random.NextSingle() + 1).ToArray();
        float[] dec = Enumerable.Range(0, 2 * D).Select(_ => random.NextSingle() + 1).ToArray();
        long[] encMask = [1, 1, 0, 0];
        long[] decMask = [1, 0];
        var cond = new float[6 * D];
        var condMask = new long[6];

        ConditioningSequence.Concatenate(enc, encMask, dec, decMask, D, cond, condMask);

        Assert.Equal([1L, 1, 0, 0, 1, 0], condMask);
        for (int t = 0; t < 6; t++)
            for (int c = 0; c < D; c++)
            {
                float expected = condMask[t] == 0 ? 0f : t < 4 ? enc[t * D + c] : dec[(t - 4) * D + c];
                Assert.Equal(expected, cond[t * D + c]);
            }
    }

    [Fact]
    public void A_row_without_any_valid_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ConditioningSequence.Concatenate(
            new float[2], [0L, 0], [], [], 1, new float[2], new long[2]));
    }
}

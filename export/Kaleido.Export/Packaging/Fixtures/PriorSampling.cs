using Kaleido.Export.Prior;
using static TorchSharp.torch;

namespace Kaleido.Export.Packaging.Fixtures;

/// <summary>
/// Samples latent tokens from a TorchSharp prior by recomputing the whole decoder at every step (slow, simple):
/// greedy when <c>temperature</c> is 0, otherwise from softmax(logits / temperature).
/// </summary>
public static class PriorSampling
{
    /// <summary>The latent tokens (start and eos removed) for one caption, at most <paramref name="maxTokens"/>.</summary>
    public static int[] Sample(T5Prior prior, long[] captionIds, long[] captionMask, int maxTokens, double temperature, Generator? generator)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = prior.Config;
        var ids = tensor(captionIds, [1, captionIds.Length]);
        var mask = tensor(captionMask, [1, captionMask.Length]);
        var states = prior.Encode(ids, mask);
        var sequence = new List<long> { config.DecoderStartId };
        while (sequence.Count <= maxTokens)
        {
            var input = tensor(sequence.ToArray(), [1, sequence.Count]);
            var (logits, _) = prior.Decode(input, ones_like(input), states, mask);
            var last = logits[0, -1];                                   // [V]
            long next = temperature == 0
                ? last.argmax().item<long>()
                : multinomial(softmax(last / temperature, 0), 1, generator: generator).item<long>();
            if (next == config.EosId) break;
            sequence.Add(next);
        }
        return sequence.Skip(1).Select(t => (int)t).ToArray();
    }
}

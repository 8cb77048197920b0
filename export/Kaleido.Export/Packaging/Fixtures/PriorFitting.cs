using Kaleido.Export.Prior;
using TorchSharp;
using static TorchSharp.torch;

namespace Kaleido.Export.Packaging.Fixtures;

/// <summary>
/// Fits the prior to a small fixed set of examples: full-batch teacher forcing with token cross-entropy and
/// Adam, the learning rate falling linearly to zero (a settled last step instead of Adam's noise). Enough for a tiny fixture prior to learn the pairs' phrasing; not the training pipeline.
/// </summary>
public static class PriorFitting
{
    /// <summary>Runs <paramref name="steps"/> Adam steps; returns the first and the last loss (nats per token).</summary>
    public static (float First, float Last) Fit(T5Prior prior, IReadOnlyList<TeacherForcedExample> examples, int steps, double learningRate)
    {
        using var batch = NewDisposeScope();
        var captionIds = Stack(examples.Select(e => e.CaptionIds));     // [B, Lc]
        var captionMask = Stack(examples.Select(e => e.CaptionMask));   // [B, Lc]
        var decoderIds = Stack(examples.Select(e => e.DecoderIds));     // [B, Ld]
        var decoderMask = Stack(examples.Select(e => e.DecoderMask));   // [B, Ld]
        var targets = Stack(examples.Select(e => e.Targets)).reshape(-1); // [B·Ld]

        prior.train();
        using var optimizer = optim.Adam(prior.parameters(), learningRate);
        float first = float.NaN, last = float.NaN;
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = learningRate * (steps - step) / steps;
            var states = prior.Encode(captionIds, captionMask);
            var (logits, _) = prior.Decode(decoderIds, decoderMask, states, captionMask); // [B, Ld, V]
            var loss = nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[2]), targets, ignore_index: TeacherForcedExample.IgnoredTarget);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }
        prior.eval();
        return (first, last);
    }

    static Tensor Stack(IEnumerable<long[]> rows)
    {
        long[][] all = rows.ToArray();
        return tensor(all.SelectMany(r => r).ToArray(), [all.Length, all[0].Length]);
    }
}

using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// Checks a bbox latent against an image: for each grounded phrase, the colour word says what to look for,
/// <see cref="ColorDetector"/> finds the regions of that colour, and the phrase's box is compared with the
/// region matched to it (IoU). Phrases of one colour and that colour's regions are matched one to one,
/// best IoU first, so two purple phrases cannot both claim the same purple object.
/// </summary>
public static class GroundingScorer
{
    /// <summary>Only phrases that would fail the quality check's IoU bar are looked at for a merge.</summary>
    public const double MergeCheckBelowIoU = 0.5;

    /// <summary>A box "lies in" a region when at least this share of its area is inside the region's box.</summary>
    public const double InsideShare = 0.8;

    /// <summary>Scores each phrase of <paramref name="latents"/> on an RGB image ([side, side, 3] bytes), in phrase order.</summary>
    public static IReadOnlyList<PhraseScore> Score(ReadOnlySpan<byte> rgb, int side, BboxLatents latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        NamedColor? background = PhraseColors.Find(latents.Tail);
        var scores = new PhraseScore?[latents.Phrases.Count];

        // 1. The colour of each phrase; phrases without one, or with the background's, are skipped.
        var byColor = new Dictionary<NamedColor, List<int>>();
        for (int i = 0; i < latents.Phrases.Count; i++)
        {
            GroundedBox phrase = latents.Phrases[i];
            NamedColor? color = PhraseColors.Find(phrase.Phrase);
            if (color is not { } named)
                scores[i] = new PhraseScore(phrase.Phrase, phrase.Box, null, null, 0, PhraseSkipReason.NoColorWord);
            else if (named == background)
                scores[i] = new PhraseScore(phrase.Phrase, phrase.Box, named.Name, null, 0, PhraseSkipReason.BackgroundColor);
            else if (byColor.TryGetValue(named, out List<int>? list))
                list.Add(i);
            else
                byColor[named] = [i];
        }

        // 2. Per colour: detect, then match phrases and regions greedily by IoU (ties: earlier phrase, larger region).
        foreach ((NamedColor color, List<int> phraseIndices) in byColor)
        {
            IReadOnlyList<DetectedRegion> regions = ColorDetector.Detect(rgb, side, color);
            var pairs = new List<(double IoU, int Phrase, int Region)>();
            foreach (int p in phraseIndices)
                for (int r = 0; r < regions.Count; r++)
                    pairs.Add((BoxOverlap.IntersectionOverUnion(latents.Phrases[p].Box, regions[r].Box), p, r));
            var regionTaken = new bool[regions.Count];
            foreach ((double iou, int p, int r) in pairs.OrderByDescending(pair => pair.IoU).ThenBy(pair => pair.Phrase).ThenBy(pair => pair.Region))
            {
                if (scores[p] is not null || regionTaken[r])
                    continue;
                regionTaken[r] = true;
                scores[p] = new PhraseScore(latents.Phrases[p].Phrase, latents.Phrases[p].Box, color.Name, regions[r].Box, iou, null);
            }
            // Phrases left over: no region of their colour remained.
            foreach (int p in phraseIndices)
                scores[p] ??= new PhraseScore(latents.Phrases[p].Phrase, latents.Phrases[p].Box, color.Name, null, 0, null);

            // 3. Objects of one colour that touch or overlap are one region: a phrase that missed, whose box lies in a
            //    region together with another phrase's box of that colour, is not judged (the region cannot be split).
            foreach (int p in phraseIndices)
            {
                if (scores[p]!.IoU >= MergeCheckBelowIoU)
                    continue;
                BoundingBox box = latents.Phrases[p].Box;
                bool merged = regions.Any(region => LiesInside(box, region.Box)
                    && phraseIndices.Any(q => q != p && LiesInside(latents.Phrases[q].Box, region.Box)));
                if (merged)
                    scores[p] = scores[p]! with { Skipped = PhraseSkipReason.SameColorMerge };
            }
        }
        return scores.Select(score => score!).ToArray();
    }

    static bool LiesInside(BoundingBox box, BoundingBox region)
    {
        long width = Math.Max(0, Math.Min(box.X2, region.X2) - Math.Max(box.X1, region.X1));
        long height = Math.Max(0, Math.Min(box.Y2, region.Y2) - Math.Max(box.Y1, region.Y1));
        return width * height >= InsideShare * BoxOverlap.Area(box) && BoxOverlap.Area(box) > 0;
    }
}

using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Kaleido.Tools.Evaluation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Grounding;

/// <summary>One coloured object of an edited latent: where it was found in the edited image.</summary>
/// <param name="Landed">The object's colour region matches its new box (IoU ≥ 0.5).</param>
/// <param name="LeftOld">That region does not also match the old box (IoU with it &lt; 0.5).</param>
public sealed record MovedObject(int Document, string Phrase, BoundingBox OldBox, BoundingBox NewBox, double NewIoU, double OldIoU, bool Landed, bool LeftOld);

/// <summary>The edit test's figures (docs/quality.md).</summary>
/// <param name="OutsideChange">Mean absolute change (0–255) of the pixels outside every old and new box, per image.</param>
public sealed record EditTestReport(IReadOnlyList<MovedObject> Objects, IReadOnlyList<double> OutsideChange, int Documents)
{
    public int Moved => Objects.Count;
    public double LandedShare => Moved == 0 ? 0 : (double)Objects.Count(o => o.Landed) / Moved;
    public double LandedAndLeftShare => Moved == 0 ? 0 : (double)Objects.Count(o => o.Landed && o.LeftOld) / Moved;
    public double MeanOutsideChange => OutsideChange.Count == 0 ? 0 : OutsideChange.Average();
}

/// <summary>
/// The edit test of issue 13: take latents (ground truth from a dataset), mirror their boxes (<see cref="LatentMirror"/>),
/// re-render with the same seed and index, and count the objects that land on their new box and leave the old one,
/// judged by the quality check's colour detector. Objects whose box is (nearly) symmetric, so the move is under
/// half its width, are not counted: they cannot show a move.
/// </summary>
public static class EditTest
{
    /// <summary>A move counts when the mirrored box overlaps the old one by less than this IoU.</summary>
    public const double MaxSelfOverlap = 0.5;

    public static EditTestReport Run(KaleidoPipeline pipeline, IReadOnlyList<LatentsDocument> documents, RenderSettings render)
    {
        var objects = new List<MovedObject>();
        var outside = new List<double>();
        for (int i = 0; i < documents.Count; i++)
        {
            LatentsDocument original = documents[i];
            var mirrored = new LatentsDocument(original.Prompt, LatentMirror.Mirror(original.Latents));
            RenderedImage before = pipeline.Render(original, seed: 0, index: i, render);
            RenderedImage after = pipeline.Render(mirrored, seed: 0, index: i, render);
            BboxLatents oldBoxes = LatentMirror.BoxesOf(original.Latents)
                ?? throw new ToolInputException($"Document {i} has no boxes; the edit test needs bbox or combined latents.");
            BboxLatents newBoxes = LatentMirror.BoxesOf(mirrored.Latents)!;
            byte[] afterRgb = Rgb(after);
            objects.AddRange(Score(i, afterRgb, after.Side, oldBoxes, newBoxes));
            outside.Add(OutsideChange(Rgb(before), afterRgb, before.Side, [.. oldBoxes.Phrases.Select(p => p.Box), .. newBoxes.Phrases.Select(p => p.Box)]));
        }
        return new EditTestReport(objects, outside, documents.Count);
    }

    /// <summary>Scores the edited image of one document: every coloured object whose box really moved.</summary>
    public static IEnumerable<MovedObject> Score(int document, byte[] rgb, int side, BboxLatents oldBoxes, BboxLatents newBoxes)
    {
        IReadOnlyList<PhraseScore> scores = GroundingScorer.Score(rgb, side, newBoxes);
        for (int p = 0; p < scores.Count; p++)
        {
            BoundingBox oldBox = oldBoxes.Phrases[p].Box, newBox = newBoxes.Phrases[p].Box;
            PhraseScore score = scores[p];
            if (score.Skipped is not null || score.Color is null || BoxOverlap.IntersectionOverUnion(oldBox, newBox) >= MaxSelfOverlap)
                continue;
            double oldIoU = score.DetectedBox is { } region ? BoxOverlap.IntersectionOverUnion(oldBox, region) : 0;
            yield return new MovedObject(document, score.Phrase, oldBox, newBox, score.IoU, oldIoU, score.IoU >= 0.5, oldIoU < 0.5);
        }
    }

    /// <summary>Mean |after − before| over the pixels (all channels) outside every box; 0 when the boxes cover the image.</summary>
    public static double OutsideChange(byte[] before, byte[] after, int side, IReadOnlyList<BoundingBox> boxes)
    {
        double sum = 0;
        long count = 0;
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                // Pixel centre in latent coordinates (0..1000).
                double cx = (x + 0.5) * LatentRanges.CoordinateMax / side, cy = (y + 0.5) * LatentRanges.CoordinateMax / side;
                if (boxes.Any(b => cx >= b.X1 && cx <= b.X2 && cy >= b.Y1 && cy <= b.Y2))
                    continue;
                for (int c = 0; c < 3; c++)
                    sum += Math.Abs(after[(y * side + x) * 3 + c] - before[(y * side + x) * 3 + c]);
                count += 3;
            }
        return count == 0 ? 0 : sum / count;
    }

    static byte[] Rgb(RenderedImage image)
    {
        using Image<Rgb24> pixels = TensorImage.ToImage(image.Pixels, image.Side, image.Side);
        var rgb = new byte[image.Side * image.Side * 3];
        pixels.CopyPixelDataTo(rgb);
        return rgb;
    }
}

using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Evaluation;

namespace Kaleido.Tools.Tests.Evaluation;

/// <summary>The check's own plumbing, without a trained model.</summary>
public sealed class QualityCheckTests
{
    [Fact]
    public void ScoringAModelOutput_ReadsTheTensorLikeTheBytes()
    {
        // Ground-truth pixels as the model would hand them over: [3, S, S] floats in [−1, 1], the training mapping.
        for (int index = 0; index < 10; index++)
        {
            (DatasetGenerator.ImageRecord record, RenderedScene rendered) = DatasetGenerator.CreateImage(7, index, 32, "x.png");
            int side = rendered.Side, plane = side * side;
            var chw = new float[3 * plane];
            for (int i = 0; i < plane; i++)
                for (int c = 0; c < 3; c++)
                    chw[c * plane + i] = PixelMapping.ToUnit(rendered.Pixels[3 * i + c]);
            var latents = new CombinedLatents(record.Text, record.Bbox, new VokenLatents(new int[16]));
            var image = new RenderedImage(chw, side, new ImageMetadata(record.Caption, 0, 0, 20, "ddim", 7.5f, "m", null),
                new LatentsDocument(record.Caption, latents));

            QualitySample sample = QualityCheck.ScoreImage(record.Caption, 0, image);

            Assert.True(sample.Parsed);
            Assert.Equal(GroundingScorer.Score(rendered.Pixels, side, record.Bbox), sample.Phrases);
        }
    }

    [Fact]
    public void Report_CountsHitsSkipsAndParses()
    {
        var box = new BoundingBox(0, 0, 100, 100);
        PhraseScore Hit(double iou) => new("small red circle", box, "red", box, iou, null);
        var samples = new[]
        {
            new QualitySample("a", 0, "x", null, [Hit(0.9), Hit(0.4), new PhraseScore("shape", box, null, null, 0, PhraseSkipReason.NoColorWord)]),
            new QualitySample("a", 1, null, "bad", []),
            new QualitySample("b", 0, "y", null, [Hit(0.5)]),
        };
        var report = new QualityReport("m", new QualitySettings(["a", "b"]), samples, 1);
        Assert.Equal(2.0 / 3, report.ParseRate, 12);
        Assert.Equal(3, report.ScoredPhrases);
        Assert.Equal(2, report.Hits);
        Assert.Equal(2.0 / 3, report.HitRate, 12);
        Assert.Equal((0.9 + 0.4 + 0.5) / 3, report.MeanIoU, 12);
        Assert.Equal(1, report.Skipped[PhraseSkipReason.NoColorWord]);
        Assert.Equal(0, report.Skipped[PhraseSkipReason.SameColorMerge]);
    }

    [Fact]
    public void Cli_RefusesAModelWithoutBoxes_AndAMissingFolder()
    {
        string tiny = Path.Combine(RepositoryRoot.Find(), "tests", "fixtures", "tiny-kaleido");
        var error = new StringWriter();
        TextWriter saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.BadInput, Program.Main(["quality", "--model", tiny, "--seeds", "1", "--steps", "1"]));
            Assert.Contains("needs boxes", error.ToString());
            Assert.Equal(ExitCodes.BadInput, Program.Main(["quality", "--model", Path.Combine(tiny, "no-such-folder")]));
            Assert.Contains("does not exist", error.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}

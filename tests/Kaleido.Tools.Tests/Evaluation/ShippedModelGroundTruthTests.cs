using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Tests.Shared;
using Kaleido.Tools.Evaluation;
using Kaleido.Tools.Grounding;
using Xunit.Abstractions;

namespace Kaleido.Tools.Tests.Evaluation;

/// <summary>
/// Issue 13's bars on ground-truth latents, at the runtime's defaults (DDIM 15, w = 7, guided for t ≥ 130): the denoiser
/// alone puts objects at their box, and moving the boxes moves the objects. The same settings as
/// <c>kaleido-tools quality --latents</c> (first 36 records) and <c>kaleido-tools grounding</c> (first 64 records).
/// </summary>
public sealed class ShippedModelGroundTruthTests(ShippedTrainingSet trainingSet, ITestOutputHelper output, RunLog runLog)
    : IClassFixture<ShippedTrainingSet>, IClassFixture<RunLog>
{
    /// <summary>Issue 13: at least this share of ground-truth objects at their box (IoU ≥ 0.5).</summary>
    const double MinGroundTruthHitRate = 0.80;

    /// <summary>Issue 13: at least this share of moved objects land on their new box.</summary>
    const double MinLandedShare = 0.70;

    static string Model => Path.Combine(RepositoryRoot.Find(), "models", "kaleido-shapes");

    /// <summary>Measured 2026-12-05: 60 of 72 (0.833) at the defaults; 47 of 74 (0.635) at the paper's DDPM 250.</summary>
    [Fact]
    public void On_ground_truth_latents_the_objects_sit_at_their_box()
    {
        IReadOnlyList<LatentsDocument> documents = LatentsManifest.ReadFirst(trainingSet.Manifest, 36);
        QualityReport report = QualityCheck.RunOnLatents(Model, documents, new QualitySettings(QualityCaptions.Default));

        output.WriteLine(QualityCommand.ToText(report));
        runLog.WriteLine($"[quality --latents] FIGURE: {report.HitRate:F3} ({report.Hits} of {report.ScoredPhrases}) ground-truth objects at their box " +
                         $"(mean IoU {report.MeanIoU:F3}); threshold {MinGroundTruthHitRate}.");
        Assert.True(report.HitRate >= MinGroundTruthHitRate,
            $"Ground-truth objects at their box: {report.HitRate:F3} ({report.Hits} of {report.ScoredPhrases}); expected at least {MinGroundTruthHitRate}.");
    }

    /// <summary>Measured 2026-12-05: 0.849 of 106 moved objects at the defaults.</summary>
    [Fact]
    public void Mirrored_boxes_move_their_objects()
    {
        IReadOnlyList<LatentsDocument> documents = LatentsManifest.ReadFirst(trainingSet.Manifest, 64);
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(ModelPackage.Load(Model));
        EditTestReport report = EditTest.Run(pipeline, documents, RenderSettings.Default);

        runLog.WriteLine($"[grounding] FIGURE: {report.LandedShare:F3} of {report.Moved} moved objects landed on their new box " +
                         $"({report.LandedAndLeftShare:F3} also left the old one; outside change {report.MeanOutsideChange:F2} / 255); threshold {MinLandedShare}.");
        Assert.True(report.Moved >= 100, $"Only {report.Moved} objects moved; issue 20 asks for at least 100 seeded moves.");
        Assert.True(report.LandedShare >= MinLandedShare,
            $"Moved objects that landed on their new box: {report.LandedShare:F3} of {report.Moved}; expected at least {MinLandedShare}.");
    }
}

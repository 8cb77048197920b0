using System.Globalization;
using System.Text;
using System.Text.Json;
using Kaleido.Runtime.Diffusion.Samplers;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Tools.Evaluation;

namespace Kaleido.Tools.Grounding;

/// <summary>Runs <c>kaleido-tools grounding</c>: the edit test and the mirror diagnostic. Exits 0 whatever the figures.</summary>
public static class GroundingCommand
{
    public static int Run(GroundingOptions options, TextWriter output)
    {
        IReadOnlyList<LatentsDocument> documents = LatentsManifest.ReadFirst(options.Latents, options.Count);
        var render = new RenderSettings { Steps = options.Steps, Sampler = options.Sampler, Guidance = options.Guidance, GuidanceCutoff = options.GuidanceCutoff };
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(ModelPackage.Load(options.Model));
        string modelId = pipeline.Manifest.ModelId;
        EditTestReport edit = EditTest.Run(pipeline, documents, render);
        IReadOnlyList<MirrorLevel> levels = MirrorDiagnostic.Run(pipeline.Model, documents, Path.GetDirectoryName(Path.GetFullPath(options.Latents))!);
        output.Write(options.Json ? ToJson(modelId, options, edit, levels) : ToText(modelId, options, edit, levels));
        return ExitCodes.Ok;
    }

    static string ToText(string modelId, GroundingOptions o, EditTestReport edit, IReadOnlyList<MirrorLevel> levels)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Model {modelId}: {edit.Documents} ground-truth documents, boxes mirrored, {o.Sampler} {o.Steps} steps, guidance {o.Guidance}{(o.GuidanceCutoff > 0 ? $" (t >= {o.GuidanceCutoff} guided)" : "")}.");
        text.AppendLine(c, $"Edit test: {edit.Moved} moved objects; landed on the new box (IoU >= 0.5) {edit.LandedShare:F3}; landed and left the old one {edit.LandedAndLeftShare:F3}; mean change outside every box {edit.MeanOutsideChange:F2} / 255.");
        text.AppendLine("Mirror diagnostic (highest resolution, x0-MSE):");
        text.AppendLine("    k      SNR   true loss   mirrored loss   gap (mirrored - true)   sensitivity |x0(true) - x0(mirrored)|");
        foreach (MirrorLevel l in levels)
            text.AppendLine(c, $"  {l.K,4}  {l.Snr,8:G3}   {l.TrueLoss,9:F5}   {l.MirroredLoss,13:F5}   {l.MirroredLoss - l.TrueLoss,21:E2}   {l.Sensitivity,10:E2}");
        return text.ToString();
    }

    static string ToJson(string modelId, GroundingOptions o, EditTestReport edit, IReadOnlyList<MirrorLevel> levels) =>
        JsonSerializer.Serialize(new
        {
            model = modelId,
            documents = edit.Documents,
            sampler = o.Sampler,
            steps = o.Steps,
            guidance = o.Guidance,
            guidanceCutoff = o.GuidanceCutoff,
            edit = new { moved = edit.Moved, landed = edit.LandedShare, landedAndLeft = edit.LandedAndLeftShare, meanOutsideChange = edit.MeanOutsideChange },
            mirror = levels.Select(l => new { k = l.K, snr = l.Snr, trueLoss = l.TrueLoss, mirroredLoss = l.MirroredLoss, sensitivity = l.Sensitivity }),
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";
}

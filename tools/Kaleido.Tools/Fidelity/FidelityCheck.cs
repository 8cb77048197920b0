using System.Diagnostics;
using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;

namespace Kaleido.Tools.Fidelity;

/// <summary>
/// Caption fidelity of a model's prior (docs/quality.md, "Caption fidelity"): for every held-out caption, latents are
/// sampled with <see cref="KaleidoPipeline.SampleLatents"/> (seeds 0..draws−1, index 0, nothing rendered) and judged by
/// <see cref="CaptionFidelity"/>. Latents that never parse within the pipeline's attempts count as unfaithful ("unparsed").
/// </summary>
public static class FidelityCheck
{
    /// <summary>Opens <paramref name="modelFolder"/> on the CPU and runs the measure on <paramref name="captions"/>.</summary>
    public static FidelityReport Run(string modelFolder, IReadOnlyList<HeldOutCaption> captions, FidelitySettings settings, int excludedPrompts,
        Action<FidelityCaptionResult>? captionDone = null)
    {
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(ModelPackage.Load(modelFolder));
        return Run(pipeline, captions, settings, excludedPrompts, captionDone);
    }

    public static FidelityReport Run(KaleidoPipeline pipeline, IReadOnlyList<HeldOutCaption> captions, FidelitySettings settings, int excludedPrompts,
        Action<FidelityCaptionResult>? captionDone = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        PackageManifest manifest = pipeline.Manifest;
        if (manifest.Kind != ModelKind.Kaleido || !pipeline.HasPrior)
            throw new ToolInputException($"Model '{manifest.ModelId}' is a baseline: it samples no latents.");
        if (manifest.LatentKind is not ("text" or "bbox" or "blob" or "combined"))
            throw new ToolInputException(
                $"Model '{manifest.ModelId}' samples '{manifest.LatentKind}' latents, which state no objects in words; fidelity needs text, bbox, blob or combined latents.");

        var prior = new PriorSamplingSettings { Temperature = settings.Temperature };
        var clock = Stopwatch.StartNew();
        var results = new List<FidelityCaptionResult>(captions.Count);
        foreach (HeldOutCaption caption in captions)
        {
            int faithful = 0;
            var unfaithful = new List<FidelityDraw>();
            for (int seed = 0; seed < settings.Draws; seed++)
            {
                FidelityDraw draw = Draw(pipeline, caption, (ulong)seed, prior);
                if (draw.Verdict.Faithful)
                    faithful++;
                else
                    unfaithful.Add(draw);
            }
            var result = new FidelityCaptionResult(caption, settings.Draws, faithful, unfaithful);
            results.Add(result);
            captionDone?.Invoke(result);
        }
        return new FidelityReport(manifest.ModelId, manifest.LatentKind!, settings, excludedPrompts, results, clock.Elapsed.TotalSeconds);
    }

    static FidelityDraw Draw(KaleidoPipeline pipeline, HeldOutCaption caption, ulong seed, PriorSamplingSettings prior)
    {
        LatentsDocument document;
        try
        {
            document = pipeline.SampleLatents(caption.Caption, seed, index: 0, prior);
        }
        catch (LatentSamplingException e)
        {
            return new FidelityDraw(seed, null, FidelityVerdict.Unparsed(e.Message));
        }
        FidelityVerdict verdict = LatentFacts.From(document.Latents) is { } facts
            ? CaptionFidelity.Judge(caption.Facts, facts)
            : new FidelityVerdict([new FidelityProblem(FidelityReason.NoFacts, "the latents state no objects in words")]);
        return new FidelityDraw(seed, document.Latents.ToText(), verdict);
    }
}

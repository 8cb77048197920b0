using System.Diagnostics;
using Kaleido.Runtime;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;
using Kaleido.Runtime.Sessions;
using Kaleido.Tools.Metrics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Sweep;

/// <summary>
/// Runs a sweep (the paper's Fig. 5 on our models): for each model × guidance scale, generate the same captions with
/// the same seeds (caption i: seed i, indices 0..N−1), embed the images with the feature network and measure them
/// against the real set.
/// </summary>
public static class SweepRunner
{
    public static SweepResult Run(SweepSettings settings, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        // 1. Real set: its features once, shared by every cell.
        RealSet real = RealSet.Load(settings.RealManifest, settings.RealCount, settings.Captions);
        using var network = new FeatureNetwork(settings.FeaturesPath);
        FeatureRows realRows = network.Run(real.Images);
        FeatureSet realFeatures = FeatureSet.FromFlat(realRows.Features, realRows.Count, realRows.FeatureDimension, "real");
        progress?.Invoke($"Real set: {real.Images.Count} images, {realRows.FeatureDimension} features each; {real.Captions.Count} captions.");

        // 2. Every model × guidance cell.
        var cells = new List<SweepCell>();
        string[] models = settings.BaselineModel is null ? [settings.KaleidoModel] : [settings.KaleidoModel, settings.BaselineModel];
        foreach (string modelFolder in models)
        {
            using KaleidoPipeline pipeline = OpenPipeline(modelFolder, settings.Threads);
            foreach (float guidance in settings.Guidance)
            {
                SweepCell cell = RunCell(pipeline, network, realFeatures, real.Captions, guidance, settings, progress);
                cells.Add(cell);
                progress?.Invoke(
                    $"{cell.Model} w={cell.Guidance:0.##}: FID {cell.Fid:0.###}, precision {cell.Precision:0.###}, recall {cell.Recall:0.###}, " +
                    $"coverage {cell.Coverage:0.###} ({cell.Samples} images, {cell.Failed} failed, {cell.Seconds:0.#} s).");
            }
        }
        return new SweepResult(settings.Sampler, settings.Steps, settings.SamplesPerCaption, real.Captions, real.Images.Count, cells)
        {
            GuidanceCutoff = settings.GuidanceCutoff,
        };
    }

    static KaleidoPipeline OpenPipeline(string modelFolder, int threads)
    {
        try
        {
            return KaleidoPipeline.Open(ModelPackage.Load(modelFolder), new SessionSettings { IntraOpThreads = threads });
        }
        catch (UserInputException e)
        {
            throw new ToolInputException($"Model '{modelFolder}': {e.Message}");
        }
    }

    static SweepCell RunCell(
        KaleidoPipeline pipeline, FeatureNetwork network, FeatureSet realFeatures, IReadOnlyList<string> captions, float guidance,
        SweepSettings settings, Action<string>? progress)
    {
        var clock = Stopwatch.StartNew();
        var render = new RenderSettings { Sampler = settings.Sampler, Steps = settings.Steps, Guidance = guidance, GuidanceCutoff = settings.GuidanceCutoff };
        var images = new List<byte[]>();
        var captionOfImage = new List<int>();
        int failed = 0;
        for (int c = 0; c < captions.Count; c++)
        {
            for (int index = 0; index < settings.SamplesPerCaption; index++)
            {
                byte[]? pixels = Generate(pipeline, captions[c], (ulong)c, index, render);
                if (pixels is null)
                {
                    failed++;
                    continue;
                }
                images.Add(pixels);
                captionOfImage.Add(c);
            }
            progress?.Invoke($"  {pipeline.Manifest.ModelId} w={guidance:0.##}: caption {c + 1}/{captions.Count} done ({clock.Elapsed.TotalSeconds:0} s).");
        }
        if (images.Count <= PrecisionRecall.DefaultNeighbourhood)
            throw new ToolInputException(
                $"Model '{pipeline.Manifest.ModelId}' at guidance {guidance}: only {images.Count} of {settings.SamplesPerCell} images were made " +
                $"(the rest had latents that never parsed); the metrics need more than {PrecisionRecall.DefaultNeighbourhood}.");

        FeatureRows rows = network.Run(images);
        FeatureSet generated = FeatureSet.FromFlat(rows.Features, rows.Count, rows.FeatureDimension, "generated");
        double fid = FrechetDistance.Compute(realFeatures, generated);
        (double fidLow, double fidHigh) = FidBootstrap.Interval(realFeatures, generated);
        PrecisionRecallResult pr = PrecisionRecall.Compute(realFeatures, generated);
        double coverage = MeanCaptionCoverage(rows, captionOfImage, captions.Count);
        return new SweepCell(pipeline.Manifest.ModelId, guidance, fid, pr.Precision, pr.Recall, coverage, images.Count, failed, clock.Elapsed.TotalSeconds,
            fidLow, fidHigh);
    }

    /// <summary>One image as RGB bytes [S, S, 3], quantised as a PNG would store it; null when its latents never parsed.</summary>
    static byte[]? Generate(KaleidoPipeline pipeline, string caption, ulong seed, int index, RenderSettings render)
    {
        RenderedImage image;
        try
        {
            image = pipeline.Generate(new GenerationRequest(caption, seed, [index]) { Render = render })[0];
        }
        catch (LatentSamplingException)
        {
            return null;
        }
        using Image<Rgb24> rgb = TensorImage.ToImage(image.Pixels, image.Side, image.Side);
        if (image.Side != FeatureNetwork.Side)
            throw new ToolInputException($"Model '{pipeline.Manifest.ModelId}' makes {image.Side}×{image.Side} images; the feature network takes {FeatureNetwork.Side}×{FeatureNetwork.Side}.");
        var bytes = new byte[image.Side * image.Side * 3];
        rgb.CopyPixelDataTo(bytes);
        return bytes;
    }

    /// <summary>Coverage of <see cref="ShapesAttributes.All"/> per caption (attributes detected from the logits), averaged over captions with images.</summary>
    static double MeanCaptionCoverage(FeatureRows rows, IReadOnlyList<int> captionOfImage, int captionCount)
    {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < captionCount; c++)
        {
            var observed = new List<IReadOnlyCollection<string>>();
            for (int i = 0; i < rows.Count; i++)
            {
                if (captionOfImage[i] == c)
                    observed.Add(ShapesAttributes.FromLogits(rows.LogitsOf(i)));
            }
            if (observed.Count == 0)
                continue;
            sum += AttributeCoverage.Compute(observed, ShapesAttributes.All);
            counted++;
        }
        return sum / counted;
    }
}

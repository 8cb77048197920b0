using System.Diagnostics;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Runtime.Prior;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Evaluation;

/// <summary>
/// The quality check of a shipped shapes model (docs/quality.md): for every caption and seed, sample latents and
/// render with the model, then check each grounded phrase of the latents' bbox part against the image with
/// <see cref="GroundingScorer"/>. A model whose images put its objects where its latents say scores high.
/// </summary>
public static class QualityCheck
{
    /// <summary>Opens <paramref name="modelFolder"/> on the CPU and runs the check.</summary>
    /// <exception cref="UserInputException">The package is missing or broken, or its latents have no boxes.</exception>
    public static QualityReport Run(string modelFolder, QualitySettings settings, Action<QualitySample>? sampleDone = null)
    {
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(ModelPackage.Load(modelFolder));
        return Run(pipeline, settings, sampleDone);
    }

    public static QualityReport Run(KaleidoPipeline pipeline, QualitySettings settings, Action<QualitySample>? sampleDone = null) =>
        Measure(pipeline, settings, render =>
            from caption in settings.Captions
            from seed in Enumerable.Range(0, settings.Seeds)
            select Sample(pipeline, caption, (ulong)seed, render), sampleDone);

    /// <summary>
    /// Renders the given latents (seed 0, index = position) instead of sampling them and scores each image the
    /// same way. On a dataset's ground-truth latents this measures the denoiser alone, apart from the prior.
    /// </summary>
    public static QualityReport RunOnLatents(string modelFolder, IReadOnlyList<LatentsDocument> documents, QualitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(ModelPackage.Load(modelFolder));
        return Measure(pipeline, settings, render =>
            documents.Select((document, i) => ScoreImage(document.Prompt, (ulong)i, pipeline.Render(document, seed: 0, index: i, render))));
    }

    /// <summary>Checks the settings and the model, then collects and times the samples <paramref name="samples"/> yields.</summary>
    static QualityReport Measure(KaleidoPipeline pipeline, QualitySettings settings,
        Func<RenderSettings, IEnumerable<QualitySample>> samples, Action<QualitySample>? sampleDone = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        RequireBoxes(pipeline.Manifest);
        RenderSettings render = settings.ToRenderSettings();

        var clock = Stopwatch.StartNew();
        var collected = new List<QualitySample>();
        foreach (QualitySample sample in samples(render))
        {
            collected.Add(sample);
            sampleDone?.Invoke(sample);
        }
        return new QualityReport(pipeline.Manifest.ModelId, settings, collected, clock.Elapsed.TotalSeconds);
    }

    static QualitySample Sample(KaleidoPipeline pipeline, string caption, ulong seed, RenderSettings render)
    {
        // 1. Latents and image, as `kaleido generate` makes them; latents that never parse are a finding, not an error.
        RenderedImage image;
        try
        {
            image = pipeline.Generate(new GenerationRequest(caption, seed, [0]) { Render = render })[0];
        }
        catch (LatentSamplingException e)
        {
            return new QualitySample(caption, seed, null, e.Message, []);
        }

        return ScoreImage(caption, seed, image);
    }

    /// <summary>Steps 2–3 for one rendered image that carries its latents.</summary>
    internal static QualitySample ScoreImage(string caption, ulong seed, RenderedImage image)
    {
        // 2. The bbox part, checked to read back from its own canonical text.
        DiscreteLatents latents = image.Latents!.Latents;
        BboxLatents bbox = latents switch
        {
            CombinedLatents combined => combined.Bbox,
            BboxLatents plain => plain,
            _ => throw new InvalidOperationException($"Latents of kind '{latents.Kind.ToName()}' passed the kind check."),
        };
        string text = latents.ToText();
        if (LatentsParser.Parse(latents.Kind, text) != latents)
            throw new InvalidOperationException($"The latents do not read back from their canonical text: {text}");

        // 3. Pixels: x_0 [3, S, S] → bytes [S, S, 3], then each phrase against them.
        using Image<Rgb24> pixels = TensorImage.ToImage(image.Pixels, image.Side, image.Side);
        var rgb = new byte[image.Side * image.Side * 3];
        pixels.CopyPixelDataTo(rgb);
        return new QualitySample(caption, seed, text, null, GroundingScorer.Score(rgb, image.Side, bbox));
    }

    static void RequireBoxes(PackageManifest manifest)
    {
        if (manifest.Kind != ModelKind.Kaleido)
            throw new ToolInputException($"Model '{manifest.ModelId}' is a baseline: it has no latents to check.");
        if (manifest.LatentKind is not ("combined" or "bbox"))
            throw new ToolInputException(
                $"Model '{manifest.ModelId}' samples '{manifest.LatentKind}' latents; the quality check needs boxes (latent kind 'bbox' or 'combined').");
    }
}

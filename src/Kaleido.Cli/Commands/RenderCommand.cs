using System.Text;
using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido render LATENTS.json|IMAGE.png</c>: an image from a latents document, sampled or edited, or from the one a
/// kaleido PNG carries in its <c>latents</c> text chunk (which records the seed, index and settings it was made with,
/// so any image can be made again from itself). Seed, index and
/// denoising settings come from the document unless overridden, so an unchanged file reproduces the image
/// <c>generate</c> made, byte for byte. The PNG is named after the document file, with its own suffix
/// (<see cref="RenderOutputName"/>), so it never collides with the <c>generate</c> PNG of the same latents.
/// </summary>
sealed class RenderCommand(CommandContext context)
{
    public int Run(RenderOptions options)
    {
        // 1. Read and check everything that needs no model.
        string given = options.SourceFile ?? throw new UserInputException("No file given; expected LATENTS.json or IMAGE.png.");
        string path = context.Resolve(given);
        LatentsDocument document = IsPng(path) ? ReadFromPng(path) : Read(path);
        RenderPlan plan = RenderPlan.Of(document, new RenderPlan.Overrides
        {
            Seed = options.Seed?.Resolve(), Index = options.Index, Guidance = options.Cfg, Steps = options.Steps,
            Sampler = options.Sampler, Eta = options.Eta, Truncate = options.Truncate,
        }, () => new UserInputException($"'{path}' has no \"seed\"; pass --seed N."), "--index");
        // The document as rendered: the PNG's metadata records the seed, index and settings really used.
        (document, ulong seed, int index, RenderSettings settings) = plan;
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        OutputFolder folder = ModelRun.OpenOutput(context, options);
        using var stop = StopRequest.Listen(context, ShellWords.KaleidoCommand(context.Arguments));
        ModelPackage package = ModelRun.LoadPackage(context, options);
        WarnOfOtherModel(given, document, package, options);
        var identity = ModelIdentity.Of(package, sessionSettings);
        var unit = new OutputUnit(RenderOutputName.Of(path), ManifestEntry.ImageKind, UnitSettings.ForRender(identity, document));
        UnitAction action = folder.DecideAll([unit])[unit.FileName];

        // 2. Render.
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(package, sessionSettings);
        string pngPath = folder.PathOf(unit.FileName);
        if (action == UnitAction.Skip)
        {
            if (options.Json)
                JsonLine.WriteSkipped(context.Out, pngPath, null, index);
            else if (!options.Quiet)
                context.Out.WriteLine($"{pngPath}  {OutputFolder.SkippedNote}");
            return ExitCodes.Ok;
        }
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal, options.Quiet, totalImages: 1);
        RenderedImage rendered;
        try
        {
            progress.StartImage(1, unit.FileName);
            rendered = ImageRecord.Complete(ModelRun.ForPrompt(given, () => pipeline.Render(document, seed, index, settings, p =>
            {
                stop.ThrowIfRequested(unit.FileName, 0, 1);
                progress.Report(p);
            })), document.BaseSeed, identity);
            folder.Commit(unit, action, ImageFiles.EncodePng(rendered));
        }
        finally
        {
            progress.Finish();
        }

        if (options.Json)
            JsonLine.WriteImage(context.Out, pngPath, null, rendered.Metadata, document.Latents.ToText());
        else if (!options.Quiet)
            context.Out.WriteLine($"{pngPath}  image seed {seed}  index {index}  latents: {document.Latents.ToText()}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Latents sampled by another model of the same kind render (they are plain text), but not as that model would:
    /// said once on stderr, so the user knows which model made the image (its metadata records the one used).
    /// </summary>
    void WarnOfOtherModel(string given, LatentsDocument document, ModelPackage package, RenderOptions options)
    {
        if (document.ModelId is { } madeWith && madeWith != package.Manifest.ModelId && !options.Quiet)
            context.Error.WriteLine($"kaleido: warning: '{given}' was sampled by model '{madeWith}'; rendering it with model " +
                                    $"'{package.Manifest.ModelId}' (--model).");
    }

    /// <summary>A PNG is told by its name: a damaged one is then reported as a damaged PNG, not as bad JSON.</summary>
    static bool IsPng(string path) => path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <summary>The latents document a kaleido PNG carries, as it was rendered (with its seed, index and settings).</summary>
    static LatentsDocument ReadFromPng(string path)
    {
        ImageMetadata metadata = PngMetadataReader.Read(path);
        if (metadata.Latents is not { } json)
            throw new UserInputException(
                $"'{path}' has no '{ImageMetadataKeys.Latents}' text entry (a baseline package's image has none); " +
                "expected a PNG that kaleido generate wrote with a Kaleido package.");
        try
        {
            return LatentsDocumentReader.Read(json);
        }
        catch (LatentsFormatException e)
        {
            throw new UserInputException($"{path}, text entry '{ImageMetadataKeys.Latents}': {e.Message}", e);
        }
    }

    static LatentsDocument Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new UserInputException($"Cannot read latents file '{path}': {e.Message}", e);
        }
        try
        {
            return LatentsDocumentReader.Read(json);
        }
        catch (LatentsFormatException e)
        {
            throw new UserInputException($"{path}: {e.Message}", e);
        }
    }
}

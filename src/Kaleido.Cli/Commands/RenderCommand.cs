using System.Text;
using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido render LATENTS.json</c>: an image from a latents document, sampled or edited. Seed, index and
/// denoising settings come from the document unless overridden, so an unchanged file reproduces the image
/// <c>generate</c> made, byte for byte. The PNG is named after the document file, with its own suffix
/// (<see cref="RenderOutputName"/>), so it never collides with the <c>generate</c> PNG of the same latents.
/// </summary>
sealed class RenderCommand(CommandContext context)
{
    public int Run(RenderOptions options)
    {
        // 1. Read and check everything that needs no model.
        string given = options.LatentsFile ?? throw new UserInputException("No latents file given; expected LATENTS.json.");
        string path = context.Resolve(given);
        LatentsDocument document = Read(path);
        RenderPlan plan = RenderPlan.Of(document, new RenderPlan.Overrides
        {
            Seed = options.Seed, Index = options.Index, Guidance = options.Cfg, Steps = options.Steps,
            Sampler = options.Sampler, Eta = options.Eta, Truncate = options.Truncate,
        }, () => new UserInputException($"'{path}' has no \"seed\"; pass --seed N."), "--index");
        // The document as rendered: the PNG's metadata records the seed, index and settings really used.
        (document, ulong seed, int index, RenderSettings settings) = plan;
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        OutputFolder folder = ModelRun.OpenOutput(context, options);
        using var stop = StopRequest.Listen(context);
        ModelPackage package = ModelRun.LoadPackage(context, options);
        var unit = new OutputUnit(RenderOutputName.Of(path), ManifestEntry.ImageKind, UnitSettings.ForRender(ModelIdentity.Of(package, sessionSettings), document));
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
            rendered = ModelRun.ForPrompt(given, () => pipeline.Render(document, seed, index, settings, p =>
            {
                stop.ThrowIfRequested(unit.FileName);
                progress.Report(p);
            }));
            folder.Commit(unit, action, ImageFiles.EncodePng(rendered));
        }
        finally
        {
            progress.Finish();
        }

        if (options.Json)
            JsonLine.WriteImage(context.Out, pngPath, null, rendered.Metadata, document.Latents.ToText());
        else if (!options.Quiet)
            context.Out.WriteLine($"{pngPath}  seed {seed}  index {index}  latents: {document.Latents.ToText()}");
        return ExitCodes.Ok;
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

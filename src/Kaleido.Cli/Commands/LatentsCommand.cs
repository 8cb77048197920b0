using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;
// The planned record (prompt, seed, settings, file names); the pipeline's own request is made per image by ForImage.

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido latents</c>: the prior's latents only (stages 1–3, no denoising). Prints each image's latent
/// text (or, with --json, its document), and with --out saves the <c>.latents.json</c> files that
/// <c>generate</c> would write, ready for <c>render</c>.
/// </summary>
sealed class LatentsCommand(CommandContext context)
{
    public int Run(LatentsOptions options)
    {
        IReadOnlyList<PlannedRecord> plan = options.Plan(context);
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        string? folder = options.Out is null ? null : ModelRun.PrepareOutput(context, options);

        using KaleidoPipeline pipeline = ModelRun.Open(context, options, sessionSettings);
        if (!pipeline.HasPrior)
            throw new UserInputException($"Model '{pipeline.Manifest.ModelId}' is a baseline model: it has no latent prior to sample.");
        int total = plan.Sum(r => r.Images.Count), done = 0;
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal, options.Quiet, total);
        try
        {
            foreach (PlannedRecord request in plan)
            {
                GenerationSettings s = request.Settings;
                foreach (ImageIdentity image in request.Images)
                {
                    progress.StartImage(++done, image.LatentsFileName);
                    LatentsDocument document = ModelRun.ForPrompt(ModelRun.Where(request.Record), () =>
                        pipeline.SampleLatents(request.Prompt, request.Seed, image.Index, s.ToPriorSettings(), s.ToRenderSettings()));
                    string? path = folder is null ? null : Path.Combine(folder, image.LatentsFileName);
                    if (path is not null)
                        ImageFiles.WriteLatents(document, path);
                    progress.Finish();
                    Print(document, image, path, options);
                }
            }
        }
        finally
        {
            progress.Finish();
        }
        return ExitCodes.Ok;
    }

    void Print(LatentsDocument document, ImageIdentity image, string? path, LatentsOptions options)
    {
        if (options.Json)
            context.Out.WriteLine(LatentsDocumentWriter.Write(document, indented: false));
        else if (!options.Quiet)
            context.Out.WriteLine($"{path ?? Path.GetFileNameWithoutExtension(image.ImageFileName)}: {document.Latents.ToText()}");
        context.Out.Flush();
    }
}

using System.Text;
using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;
// The planned record (prompt, seed, settings, file names); the pipeline's own request is made per image by ForImage.

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido latents</c>: the prior's latents only (stages 1–3, no denoising). Prints each image's latent
/// text (or, with --json, its document), and with --out saves the <c>.latents.json</c> files that
/// <c>generate</c> would write, ready for <c>render</c>, under the same output contract (<see cref="OutputFolder"/>).
/// </summary>
sealed class LatentsCommand(CommandContext context)
{
    public int Run(LatentsOptions options)
    {
        ulong baseSeed = options.ResolveBaseSeed();
        IReadOnlyList<PlannedRecord> plan = options.Plan(context, baseSeed);
        ModelRun.ReportDrawnSeed(context, options, baseSeed);
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        ShardSpec? shard = options.ResolveShard(context);
        OutputFolder? folder = options.Out is null ? null : ModelRun.OpenOutput(context, options, shard);
        using var stop = StopRequest.Listen(context, ResumeCommand.Of(context.Arguments, options.Seed, baseSeed));
        ModelPackage package = ModelRun.LoadPackage(context, options);

        using KaleidoPipeline pipeline = KaleidoPipeline.Open(package, sessionSettings);
        if (!pipeline.HasPrior)
            throw new UserInputException($"Model '{pipeline.Manifest.ModelId}' is a baseline model: it has no latent prior to sample.");
        ModelRun.CheckCaptions(pipeline, plan);
        var identity = ModelIdentity.Of(package, sessionSettings);
        int unitCount = plan.Sum(record => record.Images.Count);
        var images = plan.SelectMany(record => record.Images.Select(image => (Record: record, Image: image)))
            .Select((u, unitNumber) => (u.Record, u.Image, Unit: new OutputUnit(u.Image.LatentsFileName, ManifestEntry.LatentsKind,
                UnitSettings.ForPrompt(identity, u.Record, u.Image), new PlanPosition(unitNumber, unitCount))))
            .Where((_, unitNumber) => shard?.Owns(unitNumber) ?? true).ToList();
        IReadOnlyDictionary<string, UnitAction>? actions = folder?.DecideAll(images.Select(i => i.Unit));

        int done = 0;
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal, options.Quiet, images.Count);
        try
        {
            foreach ((PlannedRecord request, ImageIdentity image, OutputUnit unit) in images)
            {
                GenerationSettings s = request.Settings;
                stop.ThrowIfRequested(image.LatentsFileName, done, images.Count);
                string? path = folder?.PathOf(image.LatentsFileName);
                UnitAction? action = actions?[unit.FileName];
                if (action == UnitAction.Skip)
                {
                    ++done;
                    PrintSkipped(path!, options);
                    continue;
                }
                progress.StartImage(++done, image.LatentsFileName);
                LatentsDocument document = ImageRecord.WithBaseSeed(ModelRun.ForPrompt(ModelRun.Where(request.Record), () =>
                    pipeline.SampleLatents(request.Prompt, request.Seed, image.Index, s.ToPriorSettings(), s.ToRenderSettings())),
                    request.BaseSeed);
                if (folder is not null)
                    folder.Commit(unit, action!.Value, ImageFiles.EncodeLatents(document));
                progress.Finish();
                Print(document, image, path, options);
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

    /// <summary>A file already there with the same settings: --json still prints its document (read back), text says so.</summary>
    void PrintSkipped(string path, LatentsOptions options)
    {
        if (options.Json)
            context.Out.WriteLine(LatentsDocumentWriter.Write(LatentsDocumentReader.Read(File.ReadAllText(path, Encoding.UTF8)), indented: false));
        else if (!options.Quiet)
            context.Out.WriteLine($"{path}  {OutputFolder.SkippedNote}");
        context.Out.Flush();
    }
}

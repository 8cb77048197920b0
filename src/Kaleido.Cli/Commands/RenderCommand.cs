using System.Diagnostics;
using Kaleido.Cli.Output;
using Kaleido.Runtime;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido render LATENTS.json|IMAGE.png|FOLDER|BATCH.jsonl</c>: an image from a latents document, sampled or edited, or from the one a
/// kaleido PNG carries in its <c>latents</c> text chunk (which records the seed, index and settings it was made with,
/// so any image can be made again from itself). Seed, index and
/// denoising settings come from the document unless overridden, so an unchanged file reproduces the image
/// <c>generate</c> made, byte for byte. The PNG is named after the document file, with its own suffix
/// (<see cref="RenderOutputName"/>), so it never collides with the <c>generate</c> PNG of the same latents.
/// A folder or <c>.jsonl</c> renders every document in it (<see cref="RenderSources"/>), shardable like <c>generate</c>.
/// </summary>
sealed class RenderCommand(CommandContext context)
{
    public int Run(RenderOptions options)
    {
        var clock = Stopwatch.StartNew();
        // 1. Read and check everything that needs no model: every document of a batch, before the first image.
        string given = options.SourceFile ?? throw new UserInputException(
            "No file given; expected LATENTS.json, IMAGE.png, a folder of *.latents.json or a .jsonl of latents documents.");
        string path = context.Resolve(given);
        bool batch = RenderSources.IsBatch(path);
        var overrides = new RenderPlan.Overrides
        {
            Seed = options.Seed?.Resolve(), Index = options.Index, Guidance = options.Cfg, Steps = options.Steps,
            Sampler = options.Sampler, Eta = options.Eta,
            GuidanceCutoff = options.GuidanceCutoff, Truncate = options.Truncate,
        };
        // Each document as rendered: the PNG's metadata records the seed, index and settings really used.
        var plans = RenderSources.Read(path).Select(source => (Source: source, Plan: RenderPlan.Of(source.Document, overrides,
            () => new UserInputException($"'{source.Where}' has no \"seed\"; pass --seed N."), "--index"))).ToList();
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        ShardSpec? shard = options.ResolveShard(context);
        OutputFolder folder = ModelRun.OpenOutput(context, options, shard);
        using var stop = StopRequest.Listen(context, ShellWords.KaleidoCommand(context.Arguments));
        ModelPackage package = ModelRun.LoadPackage(context, options);
        foreach (string madeWith in plans.Select(p => p.Plan.Document.ModelId).OfType<string>().Distinct())
            WarnOfOtherModel(given, madeWith, package, options);
        var identity = ModelIdentity.Of(package, sessionSettings);
        // A batch's units are numbered in its order, as generate's are, so shards split it and merge restores it.
        var units = plans.Select((p, number) => (p.Source, p.Plan, Unit: new OutputUnit(p.Source.OutputName, ManifestEntry.ImageKind,
                UnitSettings.ForRender(identity, p.Plan.Document), batch ? new PlanPosition(number, plans.Count) : null)))
            .Where((_, number) => shard?.Owns(number) ?? true).ToList();
        IReadOnlyDictionary<string, UnitAction> actions = folder.DecideAll(units.Select(u => u.Unit));

        // 2. Render, one image at a time (its bytes depend only on its document, seed, index and settings).
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(package, sessionSettings);
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal, options.Quiet, totalImages: units.Count);
        int number = 0, written = 0, skipped = 0;
        try
        {
            foreach ((RenderSource source, RenderPlan plan, OutputUnit unit) in units)
            {
                number++;
                (LatentsDocument document, ulong seed, int index, RenderSettings settings) = plan;
                string pngPath = folder.PathOf(unit.FileName);
                stop.ThrowIfRequested(unit.FileName, number - 1, units.Count);
                if (actions[unit.FileName] == UnitAction.Skip)
                {
                    if (options.Json)
                        JsonLine.WriteSkipped(context.Out, pngPath, null, index);
                    else if (!options.Quiet)
                        context.Out.WriteLine($"{pngPath}  {OutputFolder.SkippedNote}");
                    skipped++;
                    continue;
                }
                progress.StartImage(number, unit.FileName);
                RenderedImage rendered = ImageRecord.Complete(ModelRun.ForPrompt(source.Where, () => pipeline.Render(document, seed, index, settings, p =>
                {
                    stop.ThrowIfRequested(unit.FileName, number - 1, units.Count);
                    progress.Report(p);
                })), document.BaseSeed, identity);
                folder.Commit(unit, actions[unit.FileName], ImageFiles.EncodePng(rendered));
                written++;
                progress.Finish();
                if (options.Json)
                    JsonLine.WriteImage(context.Out, pngPath, null, rendered.Metadata, document.Latents.ToText());
                else if (!options.Quiet)
                    context.Out.WriteLine($"{pngPath}  image seed {seed}  index {index}  latents: {document.Latents.ToText()}");
            }
            // A batch gets generate's overview; a shard leaves it to merge, as generate's shards do.
            if (batch && shard is null && (written > 0 || !File.Exists(folder.PathOf(ContactSheetFiles.ImageName))))
                ContactSheetFiles.Rebuild(folder);
        }
        finally
        {
            progress.Finish();
        }
        if (batch && !options.Quiet && !options.Json)
            context.Out.WriteLine($"Rendered {written} image(s){(skipped > 0 ? $" ({skipped} skipped: already there with the same settings)" : "")}" +
                                  (shard is null ? $" and {ContactSheetFiles.ImageName}" : $" of {shard} (listed in {shard.ManifestFileName})") +
                                  $" to {folder.FullPath} in {clock.Elapsed.TotalSeconds:0.0} s.");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Latents sampled by another model of the same kind render (they are plain text), but not as that model would:
    /// said once on stderr, so the user knows which model made the image (its metadata records the one used).
    /// </summary>
    void WarnOfOtherModel(string given, string madeWith, ModelPackage package, RenderOptions options)
    {
        if (madeWith != package.Manifest.ModelId && !options.Quiet)
            context.Error.WriteLine($"kaleido: warning: '{given}' was sampled by model '{madeWith}'; rendering it with model " +
                                    $"'{package.Manifest.ModelId}' (--model).");
    }
}

using System.Diagnostics;
using Kaleido.Cli.Output;
using Kaleido.Runtime.Package;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;
// The planned record (prompt, seed, settings, file names); the pipeline's own request is made per image by ForImage.

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido generate</c>: prompt(s) → images. Per image a PNG with its metadata and (Kaleido packages) its
/// <c>.latents.json</c>, named by record and index; per folder a contact sheet. Everything that can be checked
/// (arguments, prompt file, settings, output folder and its conflicts) is checked before the model's sessions open.
/// Files already in the folder with the same settings are skipped (<see cref="OutputFolder"/>).
/// </summary>
sealed class GenerateCommand(CommandContext context)
{
    public int Run(GenerateOptions options)
    {
        var clock = Stopwatch.StartNew();
        // 1. Check everything that needs no model sessions.
        ulong baseSeed = options.ResolveBaseSeed();
        IReadOnlyList<PlannedRecord> plan = options.Plan(context, baseSeed);
        ModelRun.ReportDrawnSeed(context, options, baseSeed);
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        int batchSize = options.BatchSize ?? DenoiseBatchSize.Default;
        DenoiseBatchSize.Validate(batchSize);
        ShardSpec? shard = options.ResolveShard(context);
        OutputFolder folder = ModelRun.OpenOutput(context, options, shard);
        using var stop = StopRequest.Listen(context, ResumeCommand.Of(context.Arguments, options.Seed, baseSeed));
        ModelPackage package = ModelRun.LoadPackage(context, options);
        var identity = ModelIdentity.Of(package, sessionSettings);
        bool hasLatents = package.Manifest.Kind == ModelKind.Kaleido;
        // Units numbered in plan order, the numbers a shard takes its share by (never the files' names or seeds).
        int unitCount = plan.Sum(record => record.Images.Count);
        var images = plan.SelectMany(record => record.Images.Select(image => (Record: record, Image: image)))
            .Select((u, unitNumber) => (u.Record, u.Image,
                Units: ImageUnits.For(identity, u.Record, u.Image, hasLatents, new PlanPosition(unitNumber, unitCount))))
            .Where((_, unitNumber) => shard?.Owns(unitNumber) ?? true).ToList();
        IReadOnlyDictionary<string, UnitAction> actions = folder.DecideAll(images.SelectMany(i => i.Units.All));

        // 2. Open the sessions once, then make the images --batch-size at a time, within one prompt record (its
        //    --count images); each image's bytes depend only on its seed, index and settings, never on the batch.
        using KaleidoPipeline pipeline = KaleidoPipeline.Open(package, sessionSettings);
        ModelRun.CheckCaptions(pipeline, plan);
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal, options.Quiet, images.Count);
        int number = 0, written = 0, skipped = 0;
        var batch = new List<(PlannedRecord Request, ImageIdentity Image, ImageUnits Units, int Number)>(batchSize);
        void RenderBatch()
        {
            if (batch.Count == 0)
                return;
            var (request, first, _, firstNumber) = batch[0];
            progress.StartImage(firstNumber, first.ImageFileName);
            IReadOnlyList<RenderedImage> rendered = ModelRun.ForPrompt(ModelRun.Where(request.Record),
                () => pipeline.Generate(batch.Select(b => b.Request.ForImage(b.Image)).ToList(), batchSize, p =>
                {
                    stop.ThrowIfRequested(first.ImageFileName, firstNumber - 1, images.Count);
                    progress.Report(p);
                }));
            for (int i = 0; i < batch.Count; i++)
            {
                Save(ImageRecord.Complete(rendered[i], request.BaseSeed, identity), batch[i].Image, batch[i].Units, folder, actions, options, progress);
                written++;
            }
            batch.Clear();
        }
        try
        {
            foreach ((PlannedRecord request, ImageIdentity image, ImageUnits units) in images)
            {
                number++;
                stop.ThrowIfRequested(image.ImageFileName, number - 1, images.Count);
                if (units.All.All(u => actions[u.FileName] == UnitAction.Skip))
                {
                    ReportSkipped(folder, image, units, options);
                    skipped++;
                    continue;
                }
                if (batch.Count > 0 && !ReferenceEquals(batch[0].Request, request))
                    RenderBatch();
                batch.Add((request, image, units, number));
                if (batch.Count == batchSize)
                    RenderBatch();
            }
            RenderBatch();
            // 3. The folder's overview, from every image its manifest lists; unchanged when nothing was written. A
            //    shard leaves it to `merge`: shards in one folder would rebuild it at once from manifests half written.
            if (shard is null && (written > 0 || !File.Exists(folder.PathOf(ContactSheetFiles.ImageName))))
                ContactSheetFiles.Rebuild(folder);
        }
        finally
        {
            progress.Finish();
        }
        Summarise(folder.FullPath, written, skipped, clock.Elapsed, options, shard);
        return ExitCodes.Ok;
    }

    void Save(RenderedImage rendered, ImageIdentity image, ImageUnits units, OutputFolder folder,
        IReadOnlyDictionary<string, UnitAction> actions, GenerateOptions options, ProgressBar progress)
    {
        string pngPath = folder.PathOf(image.ImageFileName);
        string? latentsPath = rendered.Latents is null ? null : folder.PathOf(image.LatentsFileName);
        // Latents first: a PNG on disk always has its latents file beside it.
        if (units.Latents is { } latents && actions[latents.FileName] != UnitAction.Skip)
            folder.Commit(latents, actions[latents.FileName], ImageFiles.EncodeLatents(rendered.Latents!));
        if (actions[units.Png.FileName] != UnitAction.Skip)
            folder.Commit(units.Png, actions[units.Png.FileName], ImageFiles.EncodePng(rendered));

        progress.Finish();
        string? latentsText = rendered.Latents?.Latents.ToText();
        if (options.Json)
            JsonLine.WriteImage(context.Out, pngPath, latentsPath, rendered.Metadata, latentsText);
        else if (!options.Quiet)
            context.Out.WriteLine(latentsText is null
                ? $"{pngPath}  {SeedText(rendered.Metadata.BaseSeed, rendered.Metadata.Seed)}  index {image.Index}"
                : $"{pngPath}  {SeedText(rendered.Metadata.BaseSeed, rendered.Metadata.Seed)}  index {image.Index}  latents: {latentsText}");
    }

    /// <summary>
    /// The seeds of an image as its line shows them: first the base seed, what <c>--seed</c> takes to make it again,
    /// then the image's own (derived) seed, what <c>render --seed</c> takes; a record's own seed is an image seed.
    /// </summary>
    public static string SeedText(ulong? baseSeed, ulong imageSeed) =>
        baseSeed is { } typed ? $"seed {typed} (image seed {imageSeed})" : $"image seed {imageSeed}";

    void ReportSkipped(OutputFolder folder, ImageIdentity image, ImageUnits units, GenerateOptions options)
    {
        string pngPath = folder.PathOf(image.ImageFileName);
        if (options.Json)
            JsonLine.WriteSkipped(context.Out, pngPath, units.Latents is null ? null : folder.PathOf(image.LatentsFileName), image.Index);
        else if (!options.Quiet)
            context.Out.WriteLine($"{pngPath}  {OutputFolder.SkippedNote}");
    }

    void Summarise(string folder, int images, int skipped, TimeSpan elapsed, GenerateOptions options, ShardSpec? shard)
    {
        if (options.Json)
            JsonLine.Write(context.Out, json =>
            {
                json.WriteString("type", "run");
                json.WriteString("out", folder);
                json.WriteNumber("images", images);
                json.WriteNumber("skipped", skipped);
                JsonLine.WriteStringOrNull(json, "contactSheet", shard is null ? Path.Combine(folder, ContactSheetFiles.ImageName) : null);
                JsonLine.WriteStringOrNull(json, "contactSheetText", shard is null ? Path.Combine(folder, ContactSheetFiles.TextName) : null);
                if (shard is not null)
                {
                    json.WriteNumber("shardIndex", shard.Index);
                    json.WriteNumber("shardCount", shard.Count);
                }
                json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            });
        else if (!options.Quiet)
            context.Out.WriteLine(
                $"Wrote {images} image(s){(skipped > 0 ? $" ({skipped} skipped: already there with the same settings)" : "")}" +
                (shard is null
                    ? $", {ContactSheetFiles.ImageName} and {ContactSheetFiles.TextName} to {folder}"
                    : $" of {shard} to {folder} (listed in {shard.ManifestFileName})") +
                $" in {elapsed.TotalSeconds:0.0} s.");
    }
}

using System.Diagnostics;
using Kaleido.Cli.Output;
using Kaleido.Runtime.Pipeline;
using Kaleido.Cli.Requests;
// The planned record (prompt, seed, settings, file names); the pipeline's own request is made per image by ForImage.
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Cli.Commands;

/// <summary>
/// <c>kaleido generate</c>: prompt(s) → images. Per image a PNG with its metadata and (Kaleido packages) its
/// <c>.latents.json</c>, named by record and index; per run a contact sheet. Everything that can be checked
/// (arguments, prompt file, settings, output folder) is checked before the model loads.
/// </summary>
sealed class GenerateCommand(CommandContext context)
{
    public int Run(GenerateOptions options)
    {
        var clock = Stopwatch.StartNew();
        // 1. Check everything that needs no model.
        IReadOnlyList<PlannedRecord> plan = options.Plan(context);
        var sessionSettings = ModelRun.SessionSettingsOf(options);
        string folder = ModelRun.PrepareOutput(context, options);

        // 2. Load the model once, then make every image alone (its bytes depend only on seed, index, settings).
        using KaleidoPipeline pipeline = ModelRun.Open(context, options, sessionSettings);
        int total = plan.Sum(r => r.Images.Count);
        var progress = new ProgressBar(context.Error, context.ErrorIsTerminal, options.Quiet, total);
        var tiles = new List<ContactSheetTile>(total);
        try
        {
            foreach (PlannedRecord request in plan)
            {
                foreach (ImageIdentity image in request.Images)
                {
                    progress.StartImage(tiles.Count + 1, image.ImageFileName);
                    RenderedImage rendered = ModelRun.ForPrompt(ModelRun.Where(request.Record),
                        () => pipeline.Generate(request.ForImage(image), progress.Report)[0]);
                    tiles.Add(Save(rendered, image, folder, options, progress));
                }
            }
            // 3. The run's overview.
            ContactSheetFiles.Write(tiles, folder);
        }
        finally
        {
            progress.Finish();
            foreach (ContactSheetTile tile in tiles) tile.Image.Dispose();
        }
        Summarise(folder, tiles.Count, clock.Elapsed, options);
        return ExitCodes.Ok;
    }

    ContactSheetTile Save(RenderedImage rendered, ImageIdentity image, string folder, GenerateOptions options, ProgressBar progress)
    {
        string pngPath = Path.Combine(folder, image.ImageFileName);
        string? latentsPath = rendered.Latents is null ? null : Path.Combine(folder, image.LatentsFileName);
        // Latents first: a PNG on disk always has its latents file beside it.
        if (rendered.Latents is { } document)
            ImageFiles.WriteLatents(document, latentsPath!);
        Image<Rgb24> pixels = ImageFiles.WritePng(rendered, pngPath);

        progress.Finish();
        string? latentsText = rendered.Latents?.Latents.ToText();
        if (options.Json)
            JsonLine.WriteImage(context.Out, pngPath, latentsPath, rendered.Metadata, latentsText);
        else if (!options.Quiet)
            context.Out.WriteLine(latentsText is null
                ? $"{pngPath}  seed {rendered.Metadata.Seed}  index {image.Index}"
                : $"{pngPath}  seed {rendered.Metadata.Seed}  index {image.Index}  latents: {latentsText}");
        return new ContactSheetTile(pixels, image.ImageFileName, rendered.Latents);
    }

    void Summarise(string folder, int images, TimeSpan elapsed, GenerateOptions options)
    {
        if (options.Json)
            JsonLine.Write(context.Out, json =>
            {
                json.WriteString("type", "run");
                json.WriteString("out", folder);
                json.WriteNumber("images", images);
                json.WriteString("contactSheet", Path.Combine(folder, ContactSheetFiles.ImageName));
                json.WriteString("contactSheetText", Path.Combine(folder, ContactSheetFiles.TextName));
                json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            });
        else if (!options.Quiet)
            context.Out.WriteLine(
                $"Wrote {images} image(s), {ContactSheetFiles.ImageName} and {ContactSheetFiles.TextName} to {folder} in {elapsed.TotalSeconds:0.0} s.");
    }
}

using Kaleido.Runtime.Latents;

namespace Kaleido.Tools.Dataset;

/// <summary>What was written, for the command's report.</summary>
public sealed record DatasetSummary(int Count, string ImageFolder, IReadOnlyList<string> Manifests, string CodebookPath);

/// <summary>
/// Writes the shapes dataset: images/NNNNNN.png, one JSON Lines manifest per latent kind
/// (manifest-text.jsonl ... manifest-combined.jsonl; each line a latents document with the caption
/// as prompt and the image path) and codebook.json. Layout and formats in docs/dataset.md.
/// </summary>
public static class DatasetGenerator
{
    public const string ImageFolderName = "images";

    /// <summary>The latent kinds written, one manifest each.</summary>
    public static IReadOnlyList<LatentKind> Kinds { get; } = Enum.GetValues<LatentKind>();

    public static string ManifestFileName(LatentKind kind) => $"manifest-{kind.ToName()}.jsonl";

    /// <summary>One image's scene, caption and every latent but the vokens (which need the fitted codebook).</summary>
    public sealed record ImageRecord(string ImagePath, Scene Scene, string Caption, TextLatents Text, BboxLatents Bbox, BlobLatents Blob);

    /// <summary>Draws, renders and measures image <paramref name="index"/>: depends only on the seed, the index and the side.</summary>
    public static (ImageRecord Record, RenderedScene Rendered) CreateImage(ulong seed, int index, int side, string imagePath)
    {
        SceneRandom random = SceneRandom.ForImage(seed, index);
        Scene scene = SceneSampler.Sample(random);
        string caption = CaptionWriter.Write(scene, random);
        RenderedScene rendered = SceneRenderer.Render(scene, side);

        var boxes = new List<GroundedBox>(scene.Objects.Count);
        var blobs = new List<GroundedBlob>(scene.Objects.Count);
        for (int i = 0; i < scene.Objects.Count; i++)
        {
            bool[] mask = rendered.ObjectMask(i);
            string phrase = SceneDescriber.ObjectPhrase(scene.Objects[i]);
            // The sampler keeps overlaps small, so every object shows; an empty mask is a bug.
            BoundingBox box = MaskGeometry.ToNormalizedBox(mask, rendered.MaskSide)
                ?? throw new InvalidOperationException($"Object {i} of image {index} is hidden.");
            FittedEllipse ellipse = EllipseFit.Fit(mask, rendered.MaskSide, rendered.MaskSide)!.Value;
            boxes.Add(new GroundedBox(phrase, box));
            blobs.Add(new GroundedBlob(phrase, EllipseFit.ToBlob(ellipse, rendered.MaskSide)));
        }
        string tail = " " + SceneDescriber.BackgroundClause(scene) + ".";
        var record = new ImageRecord(
            imagePath, scene, caption, SceneDescriber.Describe(scene), new BboxLatents(boxes, tail), new BlobLatents(blobs, tail));
        return (record, rendered);
    }

    public static DatasetSummary Generate(DatasetSettings settings, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(outputFolder);
        settings.Validate();
        if (Directory.Exists(outputFolder) && Directory.EnumerateFileSystemEntries(outputFolder).Any())
            throw new ToolInputException($"The output folder '{outputFolder}' is not empty; give a new or empty folder.");
        string imageFolder = Path.Combine(outputFolder, ImageFolderName);
        Directory.CreateDirectory(imageFolder);

        // 1. Scenes, images and the spatial latents; keep each image reduced to 32x32 for the codebook.
        int digits = Math.Max(6, (settings.Count - 1).ToString().Length);
        var records = new ImageRecord[settings.Count];
        var reduced = new byte[settings.Count][];
        for (int i = 0; i < settings.Count; i++)
        {
            string imagePath = $"{ImageFolderName}/{i.ToString().PadLeft(digits, '0')}.png";
            (records[i], RenderedScene rendered) = CreateImage(settings.Seed, i, settings.Side, imagePath);
            using (FileStream file = File.Create(Path.Combine(outputFolder, imagePath)))
                rendered.SavePng(file);
            reduced[i] = VokenPatches.Downsample(rendered.Pixels, settings.Side);
        }

        // 2. The voken codebook, fitted on the patches of these images; then every image's codes.
        VokenCodebook codebook = FitCodebook(reduced, settings);
        string codebookPath = Path.Combine(outputFolder, VokenCodebook.FileName);
        codebook.Save(codebookPath);
        var codes = new VokenLatents[settings.Count];
        for (int i = 0; i < settings.Count; i++)
            codes[i] = new VokenLatents(codebook.Encode(reduced[i], VokenPatches.TokenizerSide));

        // 3. One manifest per kind, one line per image.
        var manifests = new List<string>();
        foreach (LatentKind kind in Kinds)
        {
            string path = Path.Combine(outputFolder, ManifestFileName(kind));
            using (var writer = new StreamWriter(path))
            {
                for (int i = 0; i < settings.Count; i++)
                {
                    var document = new LatentsDocument(records[i].Caption, SelectLatents(records[i], codes[i], kind))
                    {
                        ImagePath = records[i].ImagePath,
                    };
                    writer.Write(LatentsDocumentWriter.Write(document, indented: false));
                    writer.Write('\n');
                }
            }
            manifests.Add(path);
        }
        return new DatasetSummary(settings.Count, imageFolder, manifests, codebookPath);
    }

    static DiscreteLatents SelectLatents(ImageRecord record, VokenLatents voken, LatentKind kind) => kind switch
    {
        LatentKind.Text => record.Text,
        LatentKind.Bbox => record.Bbox,
        LatentKind.Blob => record.Blob,
        LatentKind.Voken => voken,
        LatentKind.Combined => new CombinedLatents(record.Text, record.Bbox, voken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a latent kind."),
    };

    /// <summary>k-means on the patches of all images, or on an even stride of them past <see cref="DatasetSettings.MaxTrainingPatches"/>.</summary>
    static VokenCodebook FitCodebook(byte[][] reduced, DatasetSettings settings)
    {
        int total = reduced.Length * VokenPatches.PatchCount;
        int stride = (total + DatasetSettings.MaxTrainingPatches - 1) / DatasetSettings.MaxTrainingPatches;
        var all = new float[VokenPatches.PatchCount * VokenPatches.Dimension];
        var training = new float[(total + stride - 1) / stride * VokenPatches.Dimension];
        int kept = 0;
        for (int i = 0; i < reduced.Length; i++)
        {
            VokenPatches.Extract(reduced[i], all);
            for (int p = 0; p < VokenPatches.PatchCount; p++)
            {
                if ((i * VokenPatches.PatchCount + p) % stride != 0) continue;
                all.AsSpan(p * VokenPatches.Dimension, VokenPatches.Dimension).CopyTo(training.AsSpan(kept * VokenPatches.Dimension));
                kept++;
            }
        }
        return VokenCodebook.Fit(training, settings.CodebookSize, settings.KMeansIterations, settings.Seed);
    }
}

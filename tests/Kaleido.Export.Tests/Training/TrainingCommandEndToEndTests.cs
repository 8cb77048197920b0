using System.Text;
using Kaleido.Export.Packaging;
using Kaleido.Export.Training;
using Kaleido.Runtime.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Export.Tests.Training;

/// <summary>A manifest on disk with PNGs and a byte-level tokenizer: load, train the tiny model, resume.</summary>
public class TrainingCommandEndToEndTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kaleido-train-e2e-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void LoadsManifestTrainsAndResumes()
    {
        // 1. Tokenizer: control tokens, 16 visual codes, the 256 bytes; no merges.
        string tokenizer = Path.Combine(_root, "tok");
        Directory.CreateDirectory(tokenizer);
        int firstByte = KaleidoSpecialTokens.FirstByteId(16);
        File.WriteAllText(Path.Combine(tokenizer, TokenizerDescriptor.DefaultRankFileName),
            string.Concat(Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {firstByte + b}\n")));
        TokenizerDescriptor.Create(firstByte + 256, 16).Write(tokenizer);

        // 2. Four 16×16 images and their records (captions fit the tiny prior's 8 tokens, latents its 7).
        Directory.CreateDirectory(Path.Combine(_root, "data", "images"));
        var lines = new StringBuilder();
        string[] prompts = ["a dog", "a cat", "red", "blue"];
        for (int i = 0; i < prompts.Length; i++)
        {
            using var image = new Image<Rgb24>(16, 16, new Rgb24((byte)(60 * i), 100, (byte)(255 - 60 * i)));
            image.SaveAsPng(Path.Combine(_root, "data", "images", $"{i}.png"));
            lines.Append($$"""{"format":"kaleido-latents","version":1,"prompt":"{{prompts[i]}}","kind":"text","text":"z{{i}}","imagePath":"images/{{i}}.png"}""").Append('\n');
        }
        string manifest = Path.Combine(_root, "data", "manifest-text.jsonl");
        File.WriteAllText(manifest, lines.ToString());

        var loaded = ManifestDataset.Load(manifest, KaleidoTokenizer.Load(tokenizer),
            TrainingTestData.Micro with { Prior = TrainingTestData.Micro.Prior with { VocabSize = firstByte + 256 } });
        Assert.Equal(4, loaded.Count);
        Assert.Equal(new[] { firstByte + 'z', firstByte + '2' }, loaded[2].LatentTokens);
        Assert.Equal(60 * 3, loaded[3].Pixels[0]);

        // 3. Stage 1 for 3 steps, then resume to 5; then the baseline from its EMA prior.
        string prior = Path.Combine(_root, "ckpt", "prior");
        string[] Args(string stage, string output, int steps, params string[] extra) =>
            ["--stage", stage, "--manifest", manifest, "--tokenizer", tokenizer, "--out", output, "--model", "tiny",
             "--steps", steps.ToString(), "--batch", "2", "--report-every", "1", .. extra];
        var log = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(0, TrainingCommand.Run(Args("prior", prior, 3), log, errors));
        Assert.Equal(0, TrainingCommand.Run(Args("prior", prior, 5), log, errors));
        Assert.Contains("Resumed from", log.ToString());
        Assert.Equal(5, TrainingCheckpoint.ReadState(prior).Step);
        Assert.True(File.Exists(Path.Combine(prior, TrainingCommand.LossCurveFile)));

        string baseline = Path.Combine(_root, "ckpt", "baseline");
        Assert.Equal(0, TrainingCommand.Run(Args("baseline", baseline, 2, "--prior", prior), log, errors));
        Assert.True(File.Exists(Path.Combine(baseline, TrainingCheckpoint.DenoiserEmaFile)));

        // 4. --model-every: the step-2 EMA model survives the checkpoints saved after it (each replaces the run's folder).
        string snapshots = Path.Combine(_root, "ckpt", "snapshots");
        Assert.Equal(0, TrainingCommand.Run(Args("baseline", snapshots, 4, "--prior", prior, "--model-every", "2", "--checkpoint-every", "1"), log, errors));
        string stepTwo = TrainingCommand.SnapshotFolder(snapshots, 2);
        Assert.Equal(snapshots + ".models", Path.GetDirectoryName(stepTwo));
        Assert.NotEmpty(Directory.GetFiles(stepTwo));
        Assert.False(Directory.Exists(TrainingCommand.SnapshotFolder(snapshots, 4))); // the last step's model is model/
        Assert.Equal(4, TrainingCheckpoint.ReadState(snapshots).Step);
        Assert.Equal("", errors.ToString());
        Assert.Contains("L_DM", log.ToString());

        // 5. A run that diverges stops with exit 1 and a message, and leaves its last checkpoint as it was.
        string checkpointBefore = File.ReadAllText(Path.Combine(prior, TrainingCheckpoint.StateFile));
        var diverged = new StringWriter();
        Assert.Equal(1, TrainingCommand.Run(Args("prior", prior, 200, "--lr", "1e12", "--warmup", "1", "--checkpoint-every", "1000"), log, diverged));
        Assert.Contains("Training diverged at step", diverged.ToString());
        Assert.Contains("--lr", diverged.ToString());
        Assert.Equal(checkpointBefore, File.ReadAllText(Path.Combine(prior, TrainingCheckpoint.StateFile)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}

using System.Security.Cryptography;
using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Tests.Tokenizer;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Tools.Tests.Dataset;

/// <summary>The files the generator writes: manifests, images, codebook; determinism; the CLI command.</summary>
public sealed class DatasetOutputTests
{
    const int Count = 24;
    const int CodebookSize = 16;

    [Fact]
    public void Manifests_RoundTripThroughTheLatentsReader_AndAgreeAcrossKinds()
    {
        string folder = TempDirectory.Create();
        try
        {
            string output = Path.Combine(folder, "data");
            DatasetGenerator.Generate(new DatasetSettings(Count, Seed: 11, CodebookSize: CodebookSize), output);
            var constraints = new VokenConstraints(16, CodebookSize);

            var byKind = new Dictionary<LatentKind, LatentsDocument[]>();
            foreach (LatentKind kind in Enum.GetValues<LatentKind>())
            {
                string[] lines = File.ReadAllText(Path.Combine(output, $"manifest-{kind.ToName()}.jsonl")).Split('\n');
                Assert.Equal(Count + 1, lines.Length);
                Assert.Equal("", lines[^1]);
                byKind[kind] = lines[..^1].Select(line =>
                {
                    LatentsDocument document = LatentsDocumentReader.Read(line, constraints);
                    // Reading then writing gives the same line back.
                    Assert.Equal(line, LatentsDocumentWriter.Write(document, indented: false));
                    Assert.Equal(kind, document.Kind);
                    Assert.Null(document.ModelId);
                    Assert.Null(document.Seed);
                    Assert.True(File.Exists(Path.Combine(output, document.ImagePath!)), document.ImagePath);
                    return document;
                }).ToArray();
            }

            for (int i = 0; i < Count; i++)
            {
                var combined = (CombinedLatents)byKind[LatentKind.Combined][i].Latents;
                Assert.Equal(byKind[LatentKind.Text][i].Latents, combined.Text);
                Assert.Equal(byKind[LatentKind.Bbox][i].Latents, combined.Bbox);
                Assert.Equal(byKind[LatentKind.Voken][i].Latents, combined.Voken);
                var bbox = (BboxLatents)byKind[LatentKind.Bbox][i].Latents;
                var blob = (BlobLatents)byKind[LatentKind.Blob][i].Latents;
                Assert.Equal(bbox.Phrases.Select(p => p.Phrase), blob.Phrases.Select(p => p.Phrase));
                Assert.Single(byKind.Values.Select(documents => documents[i].Prompt).Distinct());
                Assert.Single(byKind.Values.Select(documents => documents[i].ImagePath).Distinct());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void VokenCodes_EqualReEncodingThePngWithTheSavedCodebook(int side)
    {
        string folder = TempDirectory.Create();
        try
        {
            string output = Path.Combine(folder, "data");
            DatasetGenerator.Generate(new DatasetSettings(Count, Seed: 12, Side: side, CodebookSize: CodebookSize), output);
            VokenCodebook codebook = VokenCodebook.Load(Path.Combine(output, "codebook.json"));
            Assert.Equal(CodebookSize, codebook.Size);

            var usedCodes = new HashSet<int>();
            foreach (string line in File.ReadLines(Path.Combine(output, "manifest-voken.jsonl")))
            {
                LatentsDocument document = LatentsDocumentReader.Read(line);
                using Image<Rgb24> image = Image.Load<Rgb24>(Path.Combine(output, document.ImagePath!));
                Assert.Equal((side, side), (image.Width, image.Height));
                var rgb = new byte[side * side * 3];
                image.CopyPixelDataTo(rgb);

                int[] codes = codebook.Encode(rgb, side);

                Assert.Equal(((VokenLatents)document.Latents).Codes, codes);
                usedCodes.UnionWith(codes);
            }
            // The codebook is used, not collapsed onto one code.
            Assert.True(usedCodes.Count > CodebookSize / 2, $"only {usedCodes.Count} codes used");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Codebook_SavedAndLoaded_GivesTheSameCentroids()
    {
        var random = new Random(3);
        float[] patches = Enumerable.Range(0, 50 * VokenPatches.Dimension).Select(_ => (float)random.NextDouble()).ToArray();
        VokenCodebook fitted = VokenCodebook.Fit(patches, 7, 5, seed: 1);
        string folder = TempDirectory.Create();
        try
        {
            string path = Path.Combine(folder, "codebook.json");
            fitted.Save(path);

            VokenCodebook loaded = VokenCodebook.Load(path);

            Assert.Equal(fitted.Centroids.ToArray(), loaded.Centroids.ToArray());
            File.WriteAllText(path, "{\"format\": \"something-else\"}");
            Assert.Throws<ToolInputException>(() => VokenCodebook.Load(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SameSeed_GivesIdenticalFiles_AndAnotherSeedDiffers()
    {
        string folder = TempDirectory.Create();
        try
        {
            var settings = new DatasetSettings(Count, Seed: 13, CodebookSize: CodebookSize);
            DatasetGenerator.Generate(settings, Path.Combine(folder, "a"));
            DatasetGenerator.Generate(settings, Path.Combine(folder, "b"));
            DatasetGenerator.Generate(settings with { Seed = 14 }, Path.Combine(folder, "c"));
            // A shorter run gives the same first images: image i depends on the seed and i only.
            DatasetGenerator.Generate(settings with { Count = 10 }, Path.Combine(folder, "d"));

            Dictionary<string, string> a = HashFiles(Path.Combine(folder, "a"));
            Dictionary<string, string> b = HashFiles(Path.Combine(folder, "b"));
            Dictionary<string, string> c = HashFiles(Path.Combine(folder, "c"));
            Dictionary<string, string> d = HashFiles(Path.Combine(folder, "d"));

            Assert.Equal(Count + 6, a.Count);
            Assert.Equal(a, b);
            Assert.Equal(a.Keys.Order(), c.Keys.Order());
            Assert.All(a.Keys.Where(name => name.EndsWith(".jsonl") || name.EndsWith(".json")), name => Assert.NotEqual(a[name], c[name]));
            Assert.True(a.Keys.Count(name => name.EndsWith(".png") && a[name] != c[name]) > Count / 2);
            Assert.All(d.Keys.Where(name => name.EndsWith(".png")), name => Assert.Equal(a[name], d[name]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DatasetCommand_WritesTheDataset_AndExitsOk()
    {
        string folder = TempDirectory.Create();
        try
        {
            string output = Path.Combine(folder, "data");
            int exitCode = Program.Main(["dataset", "--out", output, "--count", "5", "--seed", "18446744073709551615", "--codebook-size", "8"]);

            Assert.Equal(ExitCodes.Ok, exitCode);
            Assert.Equal(5, Directory.GetFiles(Path.Combine(output, "images"), "*.png").Length);
            Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "manifest-combined.jsonl")).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("0", "32", "8")]
    [InlineData("5", "48", "8")]
    [InlineData("5", "16", "8")]
    [InlineData("5", "32", "0")]
    [InlineData("five", "32", "8")]
    public void DatasetCommand_WithBadInput_ExitsWithBadInput(string count, string size, string codebookSize)
    {
        string folder = TempDirectory.Create();
        try
        {
            int exitCode = Program.Main(
                ["dataset", "--out", Path.Combine(folder, "data"), "--count", count, "--seed", "1", "--size", size, "--codebook-size", codebookSize]);

            Assert.Equal(ExitCodes.BadInput, exitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DatasetCommand_IntoNonEmptyFolder_ExitsWithBadInput_AndLeavesItAlone()
    {
        string folder = TempDirectory.Create();
        try
        {
            File.WriteAllText(Path.Combine(folder, "keep.txt"), "mine");

            int exitCode = Program.Main(["dataset", "--out", folder, "--count", "2", "--seed", "1"]);

            Assert.Equal(ExitCodes.BadInput, exitCode);
            Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>SHA-256 of every file under the folder, by relative path.</summary>
    static Dictionary<string, string> HashFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(folder, path),
            path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
}

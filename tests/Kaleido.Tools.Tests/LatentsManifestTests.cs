using Kaleido.Runtime.Latents;
using Kaleido.Tools.Dataset;
using Kaleido.Tools.Tests.Tokenizer;

namespace Kaleido.Tools.Tests;

public sealed class LatentsManifestTests : IDisposable
{
    readonly string folder = TempDirectory.Create();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static LatentsDocument GroundTruth(int index)
    {
        (DatasetGenerator.ImageRecord record, _) = DatasetGenerator.CreateImage(11, index, 32, $"images/{index}.png");
        return new LatentsDocument(record.Caption, new CombinedLatents(record.Text, record.Bbox, new VokenLatents(new int[16])))
        {
            ImagePath = record.ImagePath,
        };
    }

    string Write(params string[] lines)
    {
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Reads_the_first_count_documents_of_a_manifest_skipping_blank_lines()
    {
        LatentsDocument[] written = Enumerable.Range(0, 5).Select(GroundTruth).ToArray();
        string path = Write([LatentsDocumentWriter.Write(written[0], indented: false), "",
            .. written.Skip(1).Select(d => LatentsDocumentWriter.Write(d, indented: false))]);

        IReadOnlyList<LatentsDocument> read = LatentsManifest.ReadFirst(path, count: 3);

        Assert.Equal(written.Take(3), read);
        Assert.Equal(written, LatentsManifest.ReadFirst(path, count: 100));
    }

    [Fact]
    public void A_bad_line_is_named_by_file_and_line()
    {
        string path = Write(LatentsDocumentWriter.Write(GroundTruth(0), indented: false), "{\"format\": \"kaleido-latents\"}");
        var error = Assert.Throws<ToolInputException>(() => LatentsManifest.ReadFirst(path, count: 5));
        Assert.Contains($"{path}, line 2", error.Message);
    }

    [Fact]
    public void Missing_empty_and_zero_count_are_refused()
    {
        string missing = Path.Combine(folder, "none.jsonl");
        Assert.Contains("does not exist", Assert.Throws<ToolInputException>(() => LatentsManifest.ReadFirst(missing, 1)).Message);
        Assert.Contains("holds no documents", Assert.Throws<ToolInputException>(() => LatentsManifest.ReadFirst(Write("", " "), 1)).Message);
        Assert.Contains("--count", Assert.Throws<ToolInputException>(() => LatentsManifest.ReadFirst(Write("x"), 0)).Message);
    }
}

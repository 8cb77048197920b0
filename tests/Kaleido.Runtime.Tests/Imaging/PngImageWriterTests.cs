using Kaleido.Runtime.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Tests.Imaging;

public class PngImageWriterTests
{
    private static readonly ImageMetadata Sample = new(
        Prompt: "a red fox on a hill",
        Seed: 18_446_744_073_709_551_557UL, // needs all 64 bits
        Index: 3,
        Steps: 250,
        Sampler: "ddpm",
        Guidance: 7.5,
        ModelId: "kaleido-64px-sha256:0123abcd",
        Latents: "{\"caption\":\"a fox\",\"boxes\":[[10,20,300,400]]}");

    private static Image<Rgb24> RandomImage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        return image;
    }

    [Fact]
    public void Write_ThenRead_RoundTripsMetadataAndPixels()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = RandomImage(13, 11, seed: 1);
        string path = folder.File("out.png");

        PngImageWriter.Write(image, Sample, path);

        Assert.Equal(Sample, PngMetadataReader.Read(path));
        using Image<Rgb24> decoded = Image.Load<Rgb24>(path);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                Assert.Equal(image[x, y], decoded[x, y]);
    }

    [Theory]
    [InlineData("café crème brûlée")]                          // Latin-1 only: tEXt, Latin-1 encoded
    [InlineData("ein Fuchs über dem Flüsschen — «café»")]      // Latin-1 plus a dash outside it
    [InlineData("狐狸在山上 🦊, 夜晚")]                           // CJK and an astral-plane emoji
    [InlineData("line one\nline two\twith tab")]
    public void Write_ThenRead_RoundTripsUnicodePrompts(string prompt)
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = RandomImage(4, 4, seed: 2);
        ImageMetadata metadata = Sample with { Prompt = prompt };
        string path = folder.File("unicode.png");

        PngImageWriter.Write(image, metadata, path);

        Assert.Equal(metadata, PngMetadataReader.Read(path));
        bool latin1 = prompt.All(c => c <= 0xFF);
        Assert.Equal(!latin1, HasChunk(path, "iTXt")); // only the prompt can need UTF-8 here
    }

    /// <summary>Whether the PNG file has a chunk of this type, by walking its chunk list.</summary>
    private static bool HasChunk(string path, string type)
    {
        byte[] bytes = File.ReadAllBytes(path);
        for (int at = 8; at + 8 <= bytes.Length;) // after the 8-byte signature: length, type, data, CRC
        {
            int length = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
            if (System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4) == type) return true;
            at += 12 + length;
        }

        return false;
    }

    [Fact]
    public void Write_ThenRead_RoundTripsLongLatentsAndAbsentLatents()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = RandomImage(4, 4, seed: 3);
        string longJson = "{\"blobs\":[" + string.Join(",", Enumerable.Range(0, 400).Select(i => $"[{i},{i % 7},{i % 13},5,45]")) + "]}";
        ImageMetadata withLong = Sample with { Latents = longJson, Guidance = 0.1 + 0.2 };
        ImageMetadata withNone = Sample with { Latents = null };

        PngImageWriter.Write(image, withLong, folder.File("long.png"));
        PngImageWriter.Write(image, withNone, folder.File("none.png"));

        Assert.Equal(withLong, PngMetadataReader.Read(folder.File("long.png")));
        Assert.True(HasChunk(folder.File("long.png"), "zTXt")); // over 1024 chars: stored compressed
        Assert.Equal(withNone, PngMetadataReader.Read(folder.File("none.png")));
    }

    [Fact]
    public void Write_LeavesTheImagesOwnMetadataUnchanged()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = RandomImage(4, 4, seed: 4);
        var own = new PngTextData("comment", "mine", string.Empty, string.Empty);
        image.Metadata.GetPngMetadata().TextData.Add(own);

        PngImageWriter.Write(image, Sample, folder.File("a.png"));

        Assert.Equal([own], image.Metadata.GetPngMetadata().TextData);
    }

    [Fact]
    public void Write_SameInputsTwice_GivesIdenticalBytes()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = RandomImage(16, 16, seed: 5);

        PngImageWriter.Write(image, Sample, folder.File("a.png"));
        PngImageWriter.Write(image, Sample, folder.File("b.png"));

        Assert.Equal(File.ReadAllBytes(folder.File("a.png")), File.ReadAllBytes(folder.File("b.png")));
    }

    [Fact]
    public void Write_LeavesNoTemporaryFiles_AndReplacesAnExistingFile()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = RandomImage(8, 8, seed: 6);
        string path = folder.File("img.png");
        File.WriteAllText(path, "old content");

        PngImageWriter.Write(image, Sample, path);

        Assert.Equal(["img.png"], folder.Names());
        Assert.Equal(Sample, PngMetadataReader.Read(path));
    }

    [Fact]
    public void Read_MissingFileOrNonPngOrMissingKey_ThrowsAUserMessage()
    {
        using var folder = new TempFolder();
        string missing = folder.File("missing.png");
        string notPng = folder.File("text.png");
        File.WriteAllText(notPng, "this is not an image");
        string plain = folder.File("plain.png");
        using (Image<Rgb24> image = RandomImage(4, 4, seed: 7))
        {
            image.SaveAsPng(plain);
        }

        Assert.Contains("does not exist", Assert.Throws<ImageMetadataException>(() => PngMetadataReader.Read(missing)).Message);
        Assert.Contains("not a readable PNG", Assert.Throws<ImageMetadataException>(() => PngMetadataReader.Read(notPng)).Message);
        Assert.Contains("no 'prompt' text entry", Assert.Throws<ImageMetadataException>(() => PngMetadataReader.Read(plain)).Message);
    }
}

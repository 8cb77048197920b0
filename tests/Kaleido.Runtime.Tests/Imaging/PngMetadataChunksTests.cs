using System.Text;
using Kaleido.Runtime.Imaging;
using Kaleido.Runtime.Latents;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Kaleido.Runtime.Tests.Imaging;

/// <summary>
/// The chunks added for issue 16: the base seed, package hash and version beside the older ones, the A1111
/// <c>parameters</c> chunk, control characters a PNG text chunk may not hold, and damaged files.
/// </summary>
public class PngMetadataChunksTests
{
    const string PackageSha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static readonly ImageMetadata Sample = new(
        Prompt: "a red circle",
        Seed: 7336315901989508037,
        Index: 2,
        Steps: 20,
        Sampler: "dpm++2m",
        Guidance: 7.5,
        ModelId: "tiny-kaleido",
        Latents: null)
    {
        BaseSeed = 1,
        PackageSha256 = PackageSha256,
        KaleidoVersion = "1.2.3",
        GuidanceCutoff = 110,
    };

    static Image<Rgb24> Image(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 40), (byte)(y * 30), (byte)(x ^ y));
        return image;
    }

    static Dictionary<string, string> TextChunks(string path) =>
        SixLabors.ImageSharp.Image.Identify(path).Metadata.GetPngMetadata().TextData.ToDictionary(t => t.Keyword, t => t.Value);

    [Fact]
    public void Base_seed_package_hash_and_version_round_trip()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = Image(5, 3);
        PngImageWriter.Write(image, Sample, folder.File("a.png"));

        ImageMetadata read = PngMetadataReader.Read(folder.File("a.png"));

        Assert.Equal(Sample, read);
        Assert.Equal((1UL, PackageSha256, "1.2.3", 110), (read.BaseSeed!.Value, read.PackageSha256, read.KaleidoVersion, read.GuidanceCutoff));
        Assert.Equal("110", TextChunks(folder.File("a.png"))[ImageMetadataKeys.GuidanceCutoff]);
    }

    [Fact]
    public void The_new_chunks_leave_the_pixel_data_and_the_older_chunks_as_they_were()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = Image(9, 7);
        ImageMetadata old = Sample with { BaseSeed = null, PackageSha256 = null, KaleidoVersion = null, GuidanceCutoff = 0 };
        PngImageWriter.Write(image, old, folder.File("old.png"));
        PngImageWriter.Write(image, Sample, folder.File("new.png"));

        Assert.Equal(Chunks(folder.File("old.png"), "IDAT"), Chunks(folder.File("new.png"), "IDAT"));
        Assert.Equal(Chunks(folder.File("old.png"), "IHDR"), Chunks(folder.File("new.png"), "IHDR"));
        // Every chunk the older writer made is still there, byte for byte and in the same order, before the new ones.
        byte[][] oldText = Chunks(folder.File("old.png"), "tEXt").Where(c => !Keyword(c).Equals("parameters")).ToArray();
        Assert.Equal(oldText, Chunks(folder.File("new.png"), "tEXt").Take(oldText.Length));
    }

    [Fact]
    public void Parameters_chunk_holds_the_settings_in_the_A1111_form()
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = Image(16, 12);
        PngImageWriter.Write(image, Sample, folder.File("a.png"));

        Assert.Equal(
            "a red circle\nSteps: 20, Sampler: DPM++ 2M, CFG scale: 7.5, CFG cutoff: 110, Seed: 7336315901989508037, Size: 16x12, " +
            "Model hash: 0123456789, Model: tiny-kaleido, Version: kaleido 1.2.3",
            TextChunks(folder.File("a.png"))[ImageMetadataKeys.Parameters]);
    }

    [Fact]
    public void Parameters_leave_out_what_is_not_known()
    {
        ImageMetadata bare = Sample with { PackageSha256 = null, KaleidoVersion = null, Sampler = "ddpm", Guidance = 1, GuidanceCutoff = 0 };

        Assert.Equal("a red circle\nSteps: 20, Sampler: DDPM, CFG scale: 1, Seed: 7336315901989508037, Size: 4x4, Model: tiny-kaleido",
            A1111Parameters.Format(bare, 4, 4));
    }

    [Fact]
    public void Control_characters_become_U_FFFD_in_every_text_chunk_and_the_latents_chunk_keeps_the_prompt_exactly()
    {
        // NUL, SOH, ESC (a terminal escape), CR, DEL, a C1 control (NEL); tab and line feed are allowed.
        const string prompt = "a\0b\u0001c\u001b[31md\re\u007ff\u0085g\th\ni";
        using var folder = new TempFolder();
        using Image<Rgb24> image = Image(4, 4);
        string latents = LatentsDocumentWriter.Write(new LatentsDocument(prompt, new TextLatents("a red circle")), indented: false);
        PngImageWriter.Write(image, Sample with { Prompt = prompt, Latents = latents }, folder.File("c.png"));

        ImageMetadata read = PngMetadataReader.Read(folder.File("c.png"));

        Assert.Equal("a\uFFFDb\uFFFDc\uFFFD[31md\uFFFDe\uFFFDf\uFFFDg\th\ni", read.Prompt);
        Assert.Equal(prompt, LatentsDocumentReader.Read(read.Latents!).Prompt); // JSON escapes them: \u0000 …
        foreach (string type in new[] { "tEXt", "iTXt" })
            foreach (byte[] data in Chunks(folder.File("c.png"), type))
            {
                // After the keyword's NUL (and, in iTXt, the flags and two empty strings) the text holds no controls.
                int text = Array.IndexOf(data, (byte)0) + (type == "iTXt" ? 5 : 1);
                Assert.DoesNotContain(data.Skip(text), b => b < 0x20 && b is not (byte)'\t' and not (byte)'\n' || b == 0x7F);
            }
        Assert.NotEmpty(Chunks(folder.File("c.png"), "iTXt")); // U+FFFD is not Latin-1: the prompt goes to iTXt (UTF-8)
    }

    [Fact]
    public void Clean_keeps_a_value_without_controls_as_the_same_instance()
    {
        const string value = "café — 狐狸 🦊\tline\nnext";
        Assert.Same(value, PngTextValue.Clean(value));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("flipped")]
    [InlineData("empty")]
    public void A_damaged_png_is_a_user_error_naming_the_file(string damage)
    {
        using var folder = new TempFolder();
        using Image<Rgb24> image = Image(8, 8);
        string path = folder.File("d.png");
        PngImageWriter.Write(image, Sample, path);
        byte[] bytes = File.ReadAllBytes(path);
        byte[] damaged = damage switch
        {
            "cut" => bytes[..40], // inside the first chunk after IHDR (a third of the file can hold every text chunk)
            "flipped" => bytes.Select((b, i) => i is > 8 and < 40 ? (byte)~b : b).ToArray(),
            _ => [],
        };
        File.WriteAllBytes(path, damaged);

        var e = Assert.Throws<ImageMetadataException>(() => PngMetadataReader.Read(path));
        Assert.Contains(path, e.Message);
    }

    /// <summary>The data of every chunk of <paramref name="type"/>, in file order.</summary>
    static List<byte[]> Chunks(string path, string type)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var chunks = new List<byte[]>();
        for (int at = 8; at + 8 <= bytes.Length;)
        {
            int length = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
            if (Encoding.ASCII.GetString(bytes, at + 4, 4) == type)
                chunks.Add(bytes[(at + 8)..(at + 8 + length)]);
            at += 12 + length;
        }
        return chunks;
    }

    static string Keyword(byte[] textChunk) => Encoding.Latin1.GetString(textChunk, 0, Array.IndexOf(textChunk, (byte)0));
}

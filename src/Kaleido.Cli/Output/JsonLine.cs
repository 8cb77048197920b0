using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kaleido.Runtime.Imaging;

namespace Kaleido.Cli.Output;

/// <summary>
/// The --json output: one compact JSON object per line (JSON Lines), so a caller can read results as
/// they come. Shapes are documented in docs/cli.md.
/// </summary>
static class JsonLine
{
    /// <summary>Writes one object built by <paramref name="body"/> as one line.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        output.WriteLine(Format(body));
        output.Flush();
    }

    /// <summary>One compact object built by <paramref name="body"/>, without a line end.</summary>
    public static string Format(Action<Utf8JsonWriter> body) => Encoding.UTF8.GetString(ObjectBytes(body, escapeNonAscii: true));

    /// <summary>
    /// The UTF-8 bytes of one compact object built by <paramref name="body"/>: the one place that turns fields into a
    /// JSON object, for stdout (non-ASCII escaped, safe on any terminal) and for the files kaleido hashes and lists
    /// (<paramref name="escapeNonAscii"/> false: text kept as typed).
    /// </summary>
    public static byte[] ObjectBytes(Action<Utf8JsonWriter> body, bool escapeNonAscii)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, escapeNonAscii ? Escaped : Verbatim))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    static readonly JsonWriterOptions Escaped = new() { Indented = false };
    static readonly JsonWriterOptions Verbatim = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>image</c> object: where the files are and what made the image.</summary>
    public static void WriteImage(TextWriter output, string pngPath, string? latentsPath, ImageMetadata m, string? latentsText) =>
        Write(output, json =>
        {
            json.WriteString("type", "image");
            json.WriteString("png", pngPath);
            WriteStringOrNull(json, "latentsFile", latentsPath);
            WriteImageFields(json, m, m.Prompt);
            WriteStringOrNull(json, "latents", latentsText);
        });

    /// <summary>How an image was made, as every JSON record of one names it (<c>generate</c>, <c>render</c>, <c>info IMAGE.png</c>).</summary>
    public static void WriteImageFields(Utf8JsonWriter json, ImageMetadata m, string prompt)
    {
        json.WriteString("prompt", prompt);
        json.WriteNumber("seed", m.Seed);
        WriteNumberOrNull(json, "baseSeed", m.BaseSeed);
        json.WriteNumber("index", m.Index);
        json.WriteNumber("steps", m.Steps);
        json.WriteString("sampler", m.Sampler);
        json.WriteNumber("guidance", m.Guidance);
        json.WriteNumber("guidanceCutoff", m.GuidanceCutoff);
        json.WriteString("modelId", m.ModelId);
    }

    /// <summary>
    /// The <c>skipped</c> object: an image (its PNG and latents file) already in the folder with the same settings,
    /// so neither was made again.
    /// </summary>
    public static void WriteSkipped(TextWriter output, string pngPath, string? latentsPath, int index) =>
        Write(output, json =>
        {
            json.WriteString("type", "skipped");
            json.WriteString("png", pngPath);
            WriteStringOrNull(json, "latentsFile", latentsPath);
            json.WriteNumber("index", index);
        });

    public static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, ulong? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
